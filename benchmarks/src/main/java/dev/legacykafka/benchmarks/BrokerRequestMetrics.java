package dev.legacykafka.benchmarks;

import dev.legacykafka.test.LocalJmx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

/**
 * Where the started broker spends its CPU, read over JMX (the JDK's attach API starts the broker's
 * local management agent; nothing is configured on the broker): the CPU time of its request
 * handler threads (validation and append of each Produce request) and of its network threads
 * (reading requests, writing responses), from the broker JVM's own thread CPU counters, and how
 * many Produce requests it counted. Before and after a run give that run's share, so one client's
 * requests can be told to cost the broker more handler work than another's, or only more
 * network work, apart from the process total (which also holds GC, the controller and idle loops).
 */
final class BrokerRequestMetrics implements AutoCloseable {

    /** Cumulative figures of the broker: Produce requests and thread CPU by kind, in nanoseconds. */
    record BrokerWork(long produceRequests, long handlerCpuNanos, long networkCpuNanos) {

        static final BrokerWork UNKNOWN = new BrokerWork(-1, 0, 0);

        boolean known() {
            return produceRequests >= 0;
        }
    }

    private static final ObjectName PRODUCE_REQUESTS =
            name("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=Produce,*");

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final com.sun.management.ThreadMXBean threads;

    private BrokerRequestMetrics(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
        this.threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
                com.sun.management.ThreadMXBean.class);
    }

    /**
     * Attaches to the first of the processes that is a Kafka broker (a ZooKeeper is skipped).
     *
     * @return the metrics, or null (with a note on {@code System.err}) when no process could be read
     */
    static BrokerRequestMetrics attach(List<ProcessHandle> processes) {
        for (ProcessHandle process : processes) {
            try {
                JMXConnector connector = LocalJmx.connect(process.pid());
                if (!connector.getMBeanServerConnection()
                        .queryNames(name("kafka.server:type=KafkaRequestHandlerPool,*"), null).isEmpty()) {
                    return new BrokerRequestMetrics(connector);
                }
                connector.close();
            } catch (Exception e) {
                System.err.println("No broker metrics from pid " + process.pid() + ": " + e);
            }
        }
        return null;
    }

    /** The cumulative figures now, or {@link BrokerWork#UNKNOWN} if the broker cannot be read. */
    BrokerWork work() {
        try {
            long requests = 0;
            // One meter per Produce version the broker has seen.
            for (ObjectName meter : server.queryNames(PRODUCE_REQUESTS, null)) {
                requests += (Long) server.getAttribute(meter, "Count");
            }
            long[] ids = threads.getAllThreadIds();
            ThreadInfo[] infos = threads.getThreadInfo(ids);
            long[] cpu = threads.getThreadCpuTime(ids);
            long handler = 0;
            long network = 0;
            for (int i = 0; i < ids.length; i++) {
                if (infos[i] == null || cpu[i] < 0) {
                    continue;
                }
                String thread = infos[i].getThreadName();
                if (thread.contains("request-handler")) {
                    handler += cpu[i];
                } else if (thread.contains("network-thread")) {
                    network += cpu[i];
                }
            }
            return new BrokerWork(requests, handler, network);
        } catch (Exception e) {
            return BrokerWork.UNKNOWN;
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // The broker is going away with the run.
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
