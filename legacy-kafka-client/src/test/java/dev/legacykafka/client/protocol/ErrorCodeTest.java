package dev.legacykafka.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void agreesWithKafkaClientsOnEveryCode() {
        int compared = 0;
        for (Errors theirs : Errors.values()) {
            ErrorCode ours = ErrorCode.forCode(theirs.code());
            assertThat(ours.isKnown()).as("%s (%d) is in our table", theirs, theirs.code()).isTrue();
            compared++;
            assertThat(ours.name()).as("code %d", theirs.code()).isEqualTo(theirs.name());
            boolean retriable = theirs.exception() instanceof RetriableException;
            boolean invalidMetadata = theirs.exception() instanceof InvalidMetadataException;
            assertThat(ours.retriable()).as("%s retriable", theirs).isEqualTo(retriable);
            assertThat(ours.invalidMetadata()).as("%s invalid metadata", theirs).isEqualTo(invalidMetadata);
            assertThat(ours.description()).as("%s description", theirs).isNotBlank();
        }
        assertThat(compared).isEqualTo(ErrorCode.knownCodes().size());
    }

    @Test
    void kafkaClientsKnowsEveryCodeWeDefine() {
        Set<Short> theirs = new HashSet<>();
        for (Errors error : Errors.values()) {
            theirs.add(error.code());
        }
        for (ErrorCode ours : ErrorCode.knownCodes()) {
            assertThat(theirs).as(ours.name()).contains(ours.code());
        }
        assertThat(ErrorCode.knownCodes()).hasSize(138);
    }

    @Test
    void lookupByCode() {
        assertThat(ErrorCode.forCode((short) 6)).isSameAs(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        assertThat(ErrorCode.NOT_LEADER_OR_FOLLOWER.retriable()).isTrue();
        assertThat(ErrorCode.NOT_LEADER_OR_FOLLOWER.invalidMetadata()).isTrue();
        assertThat(ErrorCode.INVALID_RECORD.retriable()).isFalse();
        assertThat(ErrorCode.NONE.isError()).isFalse();
        assertThat(ErrorCode.UNKNOWN_SERVER_ERROR.code()).isEqualTo((short) -1);
        assertThat(ErrorCode.forCode((short) 87).toString()).isEqualTo("INVALID_RECORD(87)");
    }

    @Test
    void unknownCodeKeepsItsNumber() {
        ErrorCode unknown = ErrorCode.forCode((short) 999);
        assertThat(unknown.isKnown()).isFalse();
        assertThat(unknown.isError()).isTrue();
        assertThat(unknown.code()).isEqualTo((short) 999);
        assertThat(unknown.name()).isEqualTo("UNKNOWN_ERROR_CODE");
        assertThat(unknown.retriable()).isFalse();
        assertThat(unknown.description()).contains("999");
        assertThat(unknown).isEqualTo(ErrorCode.forCode((short) 999)).isNotEqualTo(ErrorCode.forCode((short) 998));
        assertThat(unknown.toString()).isEqualTo("UNKNOWN_ERROR_CODE(999)");
    }
}
