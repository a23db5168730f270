package dev.legacykafka.benchmarks;

/**
 * The figures of one measured run of one client. Latencies are milliseconds, NaN when the client
 * was not timed (kcat); per-record costs are averages over the run's records; NaN means unknown.
 *
 * @param client           the client's label
 * @param partitions       partitions of the run's topic
 * @param repetition       1-based repetition
 * @param records          records sent and acknowledged in the measured window
 * @param seconds          wall time from the first send to the end of the final flush
 * @param payloadBytes     key and value bytes per record
 * @param latencyCount     how many records were timed
 * @param allocatedBytesPerRecord bytes allocated by all JVM threads (harness and client) per record
 * @param callerAllocatedBytesPerRecord of which the sending thread's (send path, harness loop)
 * @param networkAllocatedBytesPerRecord of which the client's network thread's
 * @param clientCpuNanosPerRecord CPU of this JVM (harness, client, GC, JIT) per record
 * @param callerCpuNanosPerRecord CPU of the sending thread (the send path) per record
 * @param networkCpuNanosPerRecord CPU of the client's network thread per record
 * @param brokerCpuNanosPerRecord CPU of the broker process per record
 * @param produceRequests  Produce requests answered in the window, or -1 if unknown
 * @param brokerRequests   Produce requests the broker counted in the window (its JMX), or -1 if unknown
 * @param brokerHandlerCpuNanosPerRecord CPU of the broker's request handler threads per record (validation,
 *                         append), NaN if unknown
 * @param brokerNetworkCpuNanosPerRecord CPU of the broker's network threads per record (reading requests,
 *                         writing responses), NaN if unknown
 * @param delivered        measured records the broker holds after the run (end offsets less the warm-up)
 */
record RunResult(String client, int partitions, int repetition, long records, double seconds, long payloadBytes,
                 long latencyCount, double meanMs, double p50Ms, double p99Ms, double p999Ms, double maxMs,
                 double allocatedBytesPerRecord, double callerAllocatedBytesPerRecord,
                 double networkAllocatedBytesPerRecord, double clientCpuNanosPerRecord, double callerCpuNanosPerRecord,
                 double networkCpuNanosPerRecord, double brokerCpuNanosPerRecord, long gcCount, long gcMillis,
                 long produceRequests, long delivered, long brokerRequests, double brokerHandlerCpuNanosPerRecord,
                 double brokerNetworkCpuNanosPerRecord) {

    double recordsPerSecond() {
        return records / seconds;
    }

    /** MiB of payload (key and value bytes) per second, as ProducerPerformance counts it. */
    double mebibytesPerSecond() {
        return records * (double) payloadBytes / seconds / (1024.0 * 1024.0);
    }

    /** Records per Produce request, as the client counted its requests or else as the broker did. */
    double recordsPerRequest() {
        long requests = produceRequests > 0 ? produceRequests : brokerRequests;
        return requests > 0 ? (double) records / requests : Double.NaN;
    }

}
