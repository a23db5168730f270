package dev.legacykafka.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApiKeyTest {

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void agreesWithKafkaClientsOnEveryVersionWeImplement(ApiKey ours) {
        ApiKeys theirs = ApiKeys.forId(ours.id());
        assertThat(theirs.name).isEqualTo(ours.protocolName());
        assertThat(ours.maxVersion()).isLessThanOrEqualTo(theirs.latestVersion(true));
        for (short v = ours.minVersion(); v <= ours.maxVersion(); v++) {
            // kafka-clients 4.4 computes header versions from the schema's flexibleVersions without a
            // range check, so it answers even for Produce v0-v2, which it can no longer encode.
            assertThat(ours.requestHeaderVersion(v)).as("%s v%d request header", ours, v)
                    .isEqualTo(theirs.requestHeaderVersion(v));
            assertThat(ours.responseHeaderVersion(v)).as("%s v%d response header", ours, v)
                    .isEqualTo(theirs.responseHeaderVersion(v));
            assertThat(ours.isFlexible(v)).as("%s v%d flexible", ours, v)
                    .isEqualTo(theirs.messageType.requestHeaderVersion(v) >= 2);
        }
    }

    @Test
    void onlyProduceVersionsRemovedFromKafka4AreBelowKafkaClientsOldest() {
        for (ApiKey ours : ApiKey.values()) {
            ApiKeys theirs = ApiKeys.forId(ours.id());
            if (ours == ApiKey.PRODUCE) {
                assertThat(theirs.oldestVersion()).isEqualTo((short) 3);
            } else {
                assertThat(ours.minVersion()).as(ours.name()).isEqualTo(theirs.oldestVersion());
            }
        }
    }

    @Test
    void tableFacts() {
        assertThat(ApiKey.PRODUCE.id()).isEqualTo((short) 0);
        assertThat(ApiKey.PRODUCE.firstFlexibleVersion()).isEqualTo((short) 9);
        assertThat(ApiKey.SASL_HANDSHAKE.firstFlexibleVersion()).isEqualTo((short) -1);
        assertThat(ApiKey.SASL_HANDSHAKE.isFlexible((short) 1)).isFalse();
        assertThat(ApiKey.API_VERSIONS.requestHeaderVersion((short) 3)).isEqualTo((short) 2);
        assertThat(ApiKey.API_VERSIONS.responseHeaderVersion((short) 4)).isEqualTo((short) 0);
        assertThat(ApiKey.METADATA.responseHeaderVersion((short) 9)).isEqualTo((short) 1);
        assertThat(ApiKey.forId(18)).isEqualTo(ApiKey.API_VERSIONS);
        assertThat(ApiKey.forId(1)).isNull();
        assertThat(ApiKey.forId(-1)).isNull();
        assertThat(ApiKey.forId(1000)).isNull();
        assertThat(ApiKey.PRODUCE.describe((short) 9)).isEqualTo("Produce v9");
    }

    @Test
    void versionsOutsideOurRangeAreRefused() {
        assertThat(ApiKey.PRODUCE.supports((short) 14)).isFalse();
        assertThat(ApiKey.PRODUCE.supports((short) -1)).isFalse();
        assertThatThrownBy(() -> ApiKey.PRODUCE.requireSupported((short) 14))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Produce v14 is not implemented (v0-v13)");
        assertThatThrownBy(() -> ApiKey.ADD_PARTITIONS_TO_TXN.requestHeaderVersion((short) 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiKey.API_VERSIONS.responseHeaderVersion((short) 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
