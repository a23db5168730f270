package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** The scripted broker's model of a partition's idempotent producer state, rule by rule. */
class ProducerStateTableTest {

    private static final long PID = 7;
    private static final BrokerBehaviour DEFAULTS = BrokerBehaviour.defaults();

    private final ProducerStateTable table = new ProducerStateTable();

    @Test
    void firstBatchOfAProducerMustStartAtZero() {
        assertThat(table.check(PID, (short) 0, 0, 4, DEFAULTS)).isInstanceOf(ProducerStateTable.Append.class);
        assertThat(table.check(PID, (short) 0, 5, 9, DEFAULTS))
                .isEqualTo(new ProducerStateTable.Reject(Errors.UNKNOWN_PRODUCER_ID, "Found no record of producerId=7 on the broker"));
        assertThat(table.check(PID, (short) 0, 5, 9, DEFAULTS.withUnknownProducerReply(
                BrokerBehaviour.UnknownProducerReply.OUT_OF_ORDER_SEQUENCE_NUMBER)))
                .extracting(v -> ((ProducerStateTable.Reject) v).error()).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(table.check(PID, (short) 0, 5, 9, DEFAULTS.withUnknownProducerReply(
                BrokerBehaviour.UnknownProducerReply.ACCEPT))).isInstanceOf(ProducerStateTable.Append.class);
    }

    @Test
    void nextBatchAppendsCachedBatchIsADuplicateAnythingElseIsOutOfOrder() {
        table.appended(PID, (short) 0, 0, 4, 100);
        table.appended(PID, (short) 0, 5, 9, 105);
        assertThat(table.check(PID, (short) 0, 10, 12, DEFAULTS)).isInstanceOf(ProducerStateTable.Append.class);
        assertThat(table.check(PID, (short) 0, 0, 4, DEFAULTS)).isEqualTo(new ProducerStateTable.Duplicate(100));
        assertThat(table.check(PID, (short) 0, 5, 9, DEFAULTS)).isEqualTo(new ProducerStateTable.Duplicate(105));
        assertThat(error(table.check(PID, (short) 0, 11, 12, DEFAULTS))).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(error(table.check(PID, (short) 0, 5, 8, DEFAULTS))).as("same start, other end: not a duplicate")
                .isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
    }

    @Test
    void onlyTheLastFiveBatchesAreRemembered() {
        for (int i = 0; i < 6; i++) {
            table.appended(PID, (short) 0, i * 2, i * 2 + 1, i * 2);
        }
        assertThat(error(table.check(PID, (short) 0, 0, 1, DEFAULTS))).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(table.check(PID, (short) 0, 2, 3, DEFAULTS)).isEqualTo(new ProducerStateTable.Duplicate(2));
    }

    @Test
    void epochsOlderAreFencedNewerMustStartAtZero() {
        table.appended(PID, (short) 3, 0, 4, 0);
        assertThat(error(table.check(PID, (short) 2, 5, 9, DEFAULTS))).isEqualTo(Errors.INVALID_PRODUCER_EPOCH);
        assertThat(error(table.check(PID, (short) 4, 5, 9, DEFAULTS))).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(table.check(PID, (short) 4, 0, 2, DEFAULTS)).isInstanceOf(ProducerStateTable.Append.class);
        table.appended(PID, (short) 4, 0, 2, 5);
        assertThat(error(table.check(PID, (short) 4, 0, 4, DEFAULTS))).as("the old epoch's batches are forgotten")
                .isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
    }

    @Test
    void sequencesWrapAfterIntegerMaxValue() {
        table.appended(PID, (short) 0, Integer.MAX_VALUE - 2, Integer.MAX_VALUE, 0);
        assertThat(table.check(PID, (short) 0, 0, 3, DEFAULTS)).isInstanceOf(ProducerStateTable.Append.class);
        assertThat(error(table.check(PID, (short) 0, 1, 3, DEFAULTS))).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
    }

    @Test
    void forgottenProducerIsUnknownAgain() {
        table.appended(PID, (short) 0, 0, 4, 0);
        table.forget(PID);
        assertThat(error(table.check(PID, (short) 0, 5, 9, DEFAULTS))).isEqualTo(Errors.UNKNOWN_PRODUCER_ID);
    }

    private static Errors error(ProducerStateTable.Verdict verdict) {
        assertThat(verdict).isInstanceOf(ProducerStateTable.Reject.class);
        return ((ProducerStateTable.Reject) verdict).error();
    }
}
