package dev.legacykafka.test;

import dev.legacykafka.test.broker.ProcessKafkaBroker;

/** Starts brokers, prints their directories and waits to be killed; see {@link ParentWatchdogIT}. */
public final class OrphanedBrokersMain {

    private OrphanedBrokersMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        for (String version : args) {
            ProcessKafkaBroker broker = ProcessKafkaBroker.start(BrokerSpec.of(version));
            System.out.println("DIR " + broker.directory());
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
