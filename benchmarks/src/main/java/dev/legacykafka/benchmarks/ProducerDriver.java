package dev.legacykafka.benchmarks;

/**
 * One Java producer under test, bound to one topic. The harness calls it from one thread: it
 * sends, flushes, and reads request counters; completion callbacks run on the client's own
 * network thread and write to the current {@link Measurement}. Public because the kafka-clients
 * driver may come from its own class loader ({@link IsolatedKafkaClients}).
 */
public interface ProducerDriver extends AutoCloseable {

    /** Label in the results. */
    String name();

    /** Callbacks of records sent from now on report to {@code measurement}. */
    void begin(Measurement measurement);

    /**
     * Sends one record. A timed record's latency runs from just before the client's send call
     * to its completion callback, as kafka-clients' ProducerPerformance measures it.
     */
    void send(byte[] key, byte[] value, boolean timed);

    /** Sends what is buffered and waits until every record sent so far has completed. */
    void flush();

    /** Produce requests answered so far (cumulative), or -1 if the client does not tell. */
    long produceRequests();

    /** Name fragment of the client's network thread, to split CPU time between sender and I/O. */
    String networkThreadName();

    @Override
    void close();
}
