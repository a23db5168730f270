package dev.legacykafka.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Cumulative counters read just before and just after a measured run; a run reports the
 * differences. Allocation is the sum of {@code getThreadAllocatedBytes} over the live threads, so
 * the producer must exist (its network thread alive) at both reads; a thread that ends in
 * between takes its bytes with it, which is why producers are closed only after the second read.
 */
record ResourceSnapshot(long nanos, long allocatedBytes, long processCpuNanos, long brokerCpuNanos, long gcCount,
                        long gcMillis, long callerCpuNanos, long networkThreadCpuNanos, long callerAllocatedBytes,
                        long networkThreadAllocatedBytes, BrokerRequestMetrics.BrokerWork brokerWork) {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static {
        if (THREADS.isThreadAllocatedMemorySupported()) {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
        if (THREADS.isThreadCpuTimeSupported()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    /**
     * Reads every counter now.
     *
     * @param networkThreadName a fragment of the client's network thread's name, or null
     * @param brokerCpuNanos    the broker processes' CPU time now (read by the caller from /proc), -1 if unknown
     * @param brokerWork     the broker's cumulative Produce requests and thread CPU now (from its JMX)
     */
    static ResourceSnapshot take(String networkThreadName, long brokerCpuNanos,
                                 BrokerRequestMetrics.BrokerWork brokerWork) {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        long allocated = 0;
        for (long b : bytes) {
            allocated += Math.max(0, b);
        }
        long networkCpu = 0;
        long networkAllocated = 0;
        if (networkThreadName != null) {
            java.lang.management.ThreadInfo[] infos = THREADS.getThreadInfo(ids);
            for (int i = 0; i < ids.length; i++) {
                if (infos[i] != null && infos[i].getThreadName().contains(networkThreadName)) {
                    networkCpu += Math.max(0, THREADS.getThreadCpuTime(ids[i]));
                    networkAllocated += Math.max(0, bytes[i]);
                }
            }
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new ResourceSnapshot(System.nanoTime(), allocated, OS.getProcessCpuTime(), brokerCpuNanos, gcCount,
                gcMillis, THREADS.getCurrentThreadCpuTime(), networkCpu, THREADS.getCurrentThreadAllocatedBytes(),
                networkAllocated, brokerWork);
    }
}
