package dev.legacykafka.client.protocol.message;

import static dev.legacykafka.client.protocol.message.KafkaWire.kafkaBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.ourBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.parseWithKafka;
import static dev.legacykafka.client.protocol.message.KafkaWire.readWithOurs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.message.ApiVersionsResponse.ApiVersion;
import dev.legacykafka.client.protocol.message.ApiVersionsResponse.FinalizedFeature;
import dev.legacykafka.client.protocol.message.ApiVersionsResponse.SupportedFeature;
import dev.legacykafka.client.protocol.types.ProtocolReader;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiVersionsTest {

    private static final ApiVersionsRequest REQUEST = new ApiVersionsRequest("legacy-kafka", "0.1.0-SNAPSHOT");

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3, 4})
    void kafkaClientsDecodesWhatWeWrite(short version) {
        ApiVersionsRequestData expected = new ApiVersionsRequestData();
        if (version >= 3) {
            expected.setClientSoftwareName("legacy-kafka").setClientSoftwareVersion("0.1.0-SNAPSHOT");
        }
        assertThat(parseWithKafka(REQUEST, version)).isEqualTo(expected);
        assertThat(ourBody(REQUEST, version)).isEqualTo(kafkaBody(expected, version));
    }

    @Test
    void versionsZeroToTwoHaveAnEmptyBody() {
        assertThat(ourBody(REQUEST, (short) 2)).isEmpty();
        assertThat(ourBody(new ApiVersionsRequest("a", "1"), (short) 3)).isEqualTo("02" + "61" + "02" + "31" + "00");
    }

    private static ApiVersionsResponseData sample(short version) {
        ApiVersionsResponseData.ApiVersionCollection keys = new ApiVersionsResponseData.ApiVersionCollection();
        keys.add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 0).setMinVersion((short) 0)
                .setMaxVersion((short) 13));
        keys.add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 3).setMinVersion((short) 0)
                .setMaxVersion((short) 13));
        keys.add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 18).setMinVersion((short) 0)
                .setMaxVersion((short) 4));
        ApiVersionsResponseData data = new ApiVersionsResponseData().setErrorCode((short) 0).setApiKeys(keys);
        if (version >= 1) {
            data.setThrottleTimeMs(17);
        }
        if (version >= 3) {
            ApiVersionsResponseData.SupportedFeatureKeyCollection supported =
                    new ApiVersionsResponseData.SupportedFeatureKeyCollection();
            supported.add(new ApiVersionsResponseData.SupportedFeatureKey().setName("transaction.version")
                    .setMinVersion((short) 1).setMaxVersion((short) 2));
            ApiVersionsResponseData.FinalizedFeatureKeyCollection finalized =
                    new ApiVersionsResponseData.FinalizedFeatureKeyCollection();
            finalized.add(new ApiVersionsResponseData.FinalizedFeatureKey().setName("transaction.version")
                    .setMaxVersionLevel((short) 2).setMinVersionLevel((short) 1));
            finalized.add(new ApiVersionsResponseData.FinalizedFeatureKey().setName("metadata.version")
                    .setMaxVersionLevel((short) 22).setMinVersionLevel((short) 7));
            data.setSupportedFeatures(supported).setFinalizedFeaturesEpoch(42L).setFinalizedFeatures(finalized)
                    .setZkMigrationReady(true);
        }
        return data;
    }

    private static ApiVersionsResponse kafkaView(ApiVersionsResponseData written, short version) {
        ApiVersionsResponseData data = new ApiVersionsResponseData(
                new ByteBufferAccessor(MessageUtil.toByteBufferAccessor(written, version).buffer()), version);
        return new ApiVersionsResponse(data.errorCode(),
                data.apiKeys().stream().map(k -> new ApiVersion(k.apiKey(), k.minVersion(), k.maxVersion())).toList(),
                data.throttleTimeMs(),
                data.supportedFeatures().stream()
                        .map(f -> new SupportedFeature(f.name(), f.minVersion(), f.maxVersion())).toList(),
                data.finalizedFeaturesEpoch(),
                data.finalizedFeatures().stream()
                        .map(f -> new FinalizedFeature(f.name(), f.maxVersionLevel(), f.minVersionLevel())).toList(),
                data.zkMigrationReady());
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3, 4})
    void readsWhatKafkaClientsWrites(short version) {
        ApiVersionsResponse ours = readWithOurs(sample(version), version, ApiVersionsResponse::read);
        assertThat(ours).isEqualTo(kafkaView(sample(version), version));
        assertThat(ours.versionsOf(ApiKey.PRODUCE)).contains(new ApiVersion((short) 0, (short) 0, (short) 13));
        assertThat(ours.versionsOf(ApiKey.END_TXN)).isEmpty();
        assertThat(ours.throttleTimeMs()).isEqualTo(version >= 1 ? 17 : 0);
        if (version >= 3) {
            assertThat(ours.finalizedFeaturesEpoch()).isEqualTo(42L);
            assertThat(ours.finalizedFeature("transaction.version"))
                    .contains(new FinalizedFeature("transaction.version", (short) 2, (short) 1));
            assertThat(ours.supportedFeatures())
                    .containsExactly(new SupportedFeature("transaction.version", (short) 1, (short) 2));
            assertThat(ours.zkMigrationReady()).isTrue();
        } else {
            assertThat(ours.finalizedFeaturesEpoch()).isEqualTo(-1L);
            assertThat(ours.finalizedFeatures()).isEmpty();
        }
        // A correct reply at the requested version is read as such by the fallback reader too.
        assertThat(readWithOurs(sample(version), version, ApiVersionsResponse::readWithFallback)).isEqualTo(ours);
    }

    private static ApiVersionsResponseData unsupportedVersion(boolean withOwnRange) {
        ApiVersionsResponseData.ApiVersionCollection keys = new ApiVersionsResponseData.ApiVersionCollection();
        if (withOwnRange) {
            keys.add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 18).setMinVersion((short) 0)
                    .setMaxVersion((short) 2));
        }
        return new ApiVersionsResponseData().setErrorCode(ErrorCode.UNSUPPORTED_VERSION.code()).setApiKeys(keys);
    }

    @ParameterizedTest(name = "requested v{0}")
    @ValueSource(shorts = {1, 3, 4})
    void unsupportedVersionReplyInTheV0LayoutIsReadAndNamesTheRetryVersion(short requested) {
        // The broker answers with a v0 body whatever was asked: serialize at v0, read as the request's version.
        byte[] v0Body = KafkaWire.kafkaBytes(unsupportedVersion(true), (short) 0);
        ApiVersionsResponse response = readBody(v0Body, requested);
        assertThat(response.error()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(response.apiKeys()).containsExactly(new ApiVersion((short) 18, (short) 0, (short) 2));
        assertThat(response.retryVersion()).isEqualTo((short) 2);

        // Brokers before 2.4 (KIP-511) list nothing: retry with v0.
        ApiVersionsResponse old = readBody(KafkaWire.kafkaBytes(unsupportedVersion(false), (short) 0), requested);
        assertThat(old.apiKeys()).isEmpty();
        assertThat(old.retryVersion()).isZero();
    }

    @Test
    void unsupportedVersionInTheRequestedLayoutIsStillRead() {
        byte[] v3Body = KafkaWire.kafkaBytes(unsupportedVersion(true), (short) 3);
        ApiVersionsResponse response = readBody(v3Body, (short) 3);
        assertThat(response.error()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(response.retryVersion()).isEqualTo((short) 2);
    }

    private static ApiVersionsResponse readBody(byte[] body, short version) {
        ProtocolReader in = new ProtocolReader(ByteBuffer.wrap(body));
        ApiVersionsResponse response = ApiVersionsResponse.readWithFallback(in, version);
        in.ensureFullyRead("ApiVersionsResponse");
        return response;
    }
}
