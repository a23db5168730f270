package dev.legacykafka.client.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PartitionsToAddTest {

    @Test
    void takeAllReturnsWhatWasAddedAndKeepsNothing() {
        PartitionsToAdd toAdd = new PartitionsToAdd();
        toAdd.add(new TopicPartition("t", 0));
        toAdd.add(new TopicPartition("t", 1));
        toAdd.add(new TopicPartition("t", 0));

        assertThat(toAdd.takeAll()).containsExactlyInAnyOrder(new TopicPartition("t", 0), new TopicPartition("t", 1));
        assertThat(toAdd.isEmpty()).isTrue();
        assertThat(toAdd.takeAll()).isEmpty();
    }

    /**
     * An application thread adds while the network thread takes: every partition added is taken
     * exactly once or still pending; none is lost between a take and the next (the bug a copy
     * followed by clear() had, which left a transaction's batches unsendable until they expired).
     */
    @Test
    void aPartitionAddedWhileTakingIsNeverLost() throws Exception {
        PartitionsToAdd toAdd = new PartitionsToAdd();
        int partitions = 300_000;
        CountDownLatch start = new CountDownLatch(1);
        Thread adder = new Thread(() -> {
            await(start);
            for (int p = 0; p < partitions; p++) {
                toAdd.add(new TopicPartition("t", p));
            }
        });
        List<TopicPartition> taken = new ArrayList<>();
        adder.start();
        start.countDown();
        while (adder.isAlive()) {
            taken.addAll(toAdd.takeAll());
        }
        adder.join();
        taken.addAll(toAdd.takeAll());

        assertThat(taken).hasSize(partitions).doesNotHaveDuplicates();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
