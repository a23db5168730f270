package dev.legacykafka.client.protocol.message;

import static dev.legacykafka.client.protocol.message.KafkaWire.kafkaBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.ourBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.parseWithKafka;
import static dev.legacykafka.client.protocol.message.KafkaWire.readWithOurs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.message.FindCoordinatorResponse.Coordinator;
import java.util.List;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FindCoordinatorTest {

    @Test
    void versionZeroFindsAGroupCoordinator() {
        FindCoordinatorRequest ours = new FindCoordinatorRequest(FindCoordinatorRequest.KEY_TYPE_GROUP, List.of("g"));
        FindCoordinatorRequestData expected = new FindCoordinatorRequestData().setKey("g");
        assertThat(parseWithKafka(ours, (short) 0)).isEqualTo(expected);
        assertThat(ourBody(ours, (short) 0)).isEqualTo("000167").isEqualTo(kafkaBody(expected, (short) 0));
        assertThatThrownBy(() -> ourBody(FindCoordinatorRequest.forTransaction("t"), (short) 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key_type is v1+");
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {1, 2, 3})
    void versionsOneToThreeTakeOneKeyAndItsType(short version) {
        FindCoordinatorRequest ours = FindCoordinatorRequest.forTransaction("txn-é");
        FindCoordinatorRequestData expected = new FindCoordinatorRequestData().setKey("txn-é").setKeyType((byte) 1);
        assertThat(parseWithKafka(ours, version)).isEqualTo(expected);
        assertThat(ourBody(ours, version)).isEqualTo(kafkaBody(expected, version));
        assertThatThrownBy(() -> ourBody(new FindCoordinatorRequest((byte) 1, List.of("a", "b")), version))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one key");
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {4, 5, 6})
    void versionsFourOnBatchKeys(short version) {
        FindCoordinatorRequest ours = new FindCoordinatorRequest((byte) 1, List.of("txn-a", "txn-b"));
        FindCoordinatorRequestData expected = new FindCoordinatorRequestData().setKeyType((byte) 1)
                .setCoordinatorKeys(List.of("txn-a", "txn-b"));
        assertThat(parseWithKafka(ours, version)).isEqualTo(expected);
        assertThat(ourBody(ours, version)).isEqualTo(kafkaBody(expected, version));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3})
    void singleCoordinatorResponses(short version) {
        FindCoordinatorResponseData data = new FindCoordinatorResponseData().setErrorCode((short) 0).setNodeId(3)
                .setHost("broker-3").setPort(9094);
        if (version >= 1) {
            data.setThrottleTimeMs(10).setErrorMessage("fine");
        }
        FindCoordinatorResponse ours = readWithOurs(data, version, FindCoordinatorResponse::read);
        assertThat(ours).isEqualTo(new FindCoordinatorResponse(version >= 1 ? 10 : 0, List.of(
                new Coordinator(null, 3, "broker-3", 9094, (short) 0, version >= 1 ? "fine" : null))));

        FindCoordinatorResponseData error = new FindCoordinatorResponseData()
                .setErrorCode(ErrorCode.COORDINATOR_NOT_AVAILABLE.code()).setNodeId(-1).setHost("").setPort(-1);
        if (version >= 1) {
            error.setErrorMessage(null);
        }
        Coordinator failed = readWithOurs(error, version, FindCoordinatorResponse::read).coordinators().get(0);
        assertThat(failed.error()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
        assertThat(failed.errorMessage()).isNull();
        assertThat(failed.nodeId()).isEqualTo(-1);
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {4, 5, 6})
    void batchedResponses(short version) {
        FindCoordinatorResponseData data = new FindCoordinatorResponseData().setThrottleTimeMs(10).setCoordinators(
                List.of(new FindCoordinatorResponseData.Coordinator().setKey("txn-a").setNodeId(3).setHost("broker-3")
                                .setPort(9094).setErrorCode((short) 0).setErrorMessage(null),
                        new FindCoordinatorResponseData.Coordinator().setKey("txn-b").setNodeId(-1).setHost("")
                                .setPort(-1).setErrorCode(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS.code())
                                .setErrorMessage("loading")));
        FindCoordinatorResponse ours = readWithOurs(data, version, FindCoordinatorResponse::read);
        assertThat(ours).isEqualTo(new FindCoordinatorResponse(10, List.of(
                new Coordinator("txn-a", 3, "broker-3", 9094, (short) 0, null),
                new Coordinator("txn-b", -1, "", -1, (short) 14, "loading"))));
    }
}
