package dev.legacykafka.client.protocol.message;

import static dev.legacykafka.client.protocol.message.KafkaWire.kafkaBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.ourBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.parseWithKafka;
import static dev.legacykafka.client.protocol.message.KafkaWire.readWithOurs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.protocol.ErrorCode;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InitProducerIdTest {

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3, 4, 5})
    void kafkaClientsDecodesWhatWeWrite(short version) {
        long producerId = version >= 3 ? 123_456_789_012L : -1L;
        short epoch = version >= 3 ? (short) 7 : (short) -1;
        InitProducerIdRequest transactional = new InitProducerIdRequest("txn-1", 60_000, producerId, epoch);
        InitProducerIdRequestData expected = new InitProducerIdRequestData().setTransactionalId("txn-1")
                .setTransactionTimeoutMs(60_000).setProducerId(producerId).setProducerEpoch(epoch);
        assertThat(parseWithKafka(transactional, version)).isEqualTo(expected);
        assertThat(ourBody(transactional, version)).isEqualTo(kafkaBody(expected, version));

        InitProducerIdRequest idempotent = new InitProducerIdRequest(null, Integer.MAX_VALUE, -1L, (short) -1);
        InitProducerIdRequestData expectedIdempotent = new InitProducerIdRequestData().setTransactionalId(null)
                .setTransactionTimeoutMs(Integer.MAX_VALUE);
        assertThat(parseWithKafka(idempotent, version)).isEqualTo(expectedIdempotent);
        assertThat(ourBody(idempotent, version)).isEqualTo(kafkaBody(expectedIdempotent, version));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2})
    void anExistingProducerIdNeedsVersionThree(short version) {
        assertThatThrownBy(() -> ourBody(new InitProducerIdRequest("t", 1, 5L, (short) 0), version))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v3+");
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3, 4, 5})
    void readsWhatKafkaClientsWrites(short version) {
        InitProducerIdResponseData data = new InitProducerIdResponseData().setThrottleTimeMs(5)
                .setErrorCode(ErrorCode.CONCURRENT_TRANSACTIONS.code()).setProducerId(987_654_321L)
                .setProducerEpoch((short) 3);
        assertThat(readWithOurs(data, version, InitProducerIdResponse::read))
                .isEqualTo(new InitProducerIdResponse(5, (short) 51, 987_654_321L, (short) 3));
    }
}
