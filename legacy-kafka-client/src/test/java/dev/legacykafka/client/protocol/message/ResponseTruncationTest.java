package dev.legacykafka.client.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.errors.ProtocolException;
import dev.legacykafka.client.protocol.ResponseFrame;
import dev.legacykafka.client.protocol.ResponseReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.message.AddOffsetsToTxnResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every response cut short at any byte, or followed by one byte too many, fails with a
 * {@link ProtocolException} and never with another exception or a half-read message.
 */
class ResponseTruncationTest {

    static Stream<Arguments> responses() {
        MetadataResponseData.MetadataResponseBrokerCollection brokers =
                new MetadataResponseData.MetadataResponseBrokerCollection();
        brokers.add(new MetadataResponseData.MetadataResponseBroker().setNodeId(1).setHost("b").setPort(1));
        MetadataResponseData.MetadataResponseTopicCollection topics =
                new MetadataResponseData.MetadataResponseTopicCollection();
        topics.add(new MetadataResponseData.MetadataResponseTopic().setName("t").setPartitions(List.of(
                new MetadataResponseData.MetadataResponsePartition().setReplicaNodes(List.of(1))
                        .setIsrNodes(List.of(1)))));
        MetadataResponseData metadata = new MetadataResponseData().setBrokers(brokers).setTopics(topics);

        ApiVersionsResponseData.ApiVersionCollection keys = new ApiVersionsResponseData.ApiVersionCollection();
        keys.add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 0).setMaxVersion((short) 13));
        ApiVersionsResponseData.FinalizedFeatureKeyCollection features =
                new ApiVersionsResponseData.FinalizedFeatureKeyCollection();
        features.add(new ApiVersionsResponseData.FinalizedFeatureKey().setName("transaction.version")
                .setMaxVersionLevel((short) 2));
        ApiVersionsResponseData apiVersions = new ApiVersionsResponseData().setApiKeys(keys);
        ApiVersionsResponseData apiVersionsV4 = apiVersions.duplicate().setFinalizedFeatures(features)
                .setFinalizedFeaturesEpoch(3L);

        FindCoordinatorResponseData findV0 = new FindCoordinatorResponseData().setHost("h").setPort(1);
        FindCoordinatorResponseData findV6 = new FindCoordinatorResponseData().setCoordinators(List.of(
                new FindCoordinatorResponseData.Coordinator().setKey("k").setHost("h")));
        TxnOffsetCommitResponseData offsets = new TxnOffsetCommitResponseData().setTopics(List.of(
                new TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic().setName("t").setPartitions(List.of(
                        new TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition()))));
        SaslAuthenticateResponseData sasl = new SaslAuthenticateResponseData().setErrorMessage("m")
                .setAuthBytes(new byte[] {1});

        return Stream.of(
                Arguments.of(metadata, (short) 0, reader(MetadataResponse::read)),
                Arguments.of(metadata, (short) 13, reader(MetadataResponse::read)),
                Arguments.of(apiVersions, (short) 0, reader(ApiVersionsResponse::read)),
                Arguments.of(apiVersionsV4, (short) 4, reader(ApiVersionsResponse::read)),
                Arguments.of(findV0, (short) 0, reader(FindCoordinatorResponse::read)),
                Arguments.of(findV6, (short) 6, reader(FindCoordinatorResponse::read)),
                Arguments.of(new InitProducerIdResponseData(), (short) 5, reader(InitProducerIdResponse::read)),
                Arguments.of(new AddOffsetsToTxnResponseData(), (short) 4, reader(AddOffsetsToTxnResponse::read)),
                Arguments.of(new EndTxnResponseData(), (short) 5, reader(EndTxnResponse::read)),
                Arguments.of(offsets, (short) 5, reader(TxnOffsetCommitResponse::read)),
                Arguments.of(new SaslHandshakeResponseData().setMechanisms(List.of("PLAIN")), (short) 1,
                        reader(SaslHandshakeResponse::read)),
                Arguments.of(sasl, (short) 2, reader(SaslAuthenticateResponse::read)));
    }

    private static ResponseReader<Object> reader(ResponseReader<?> reader) {
        return reader::read;
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("responses")
    void cutOrOverlongFramesFail(ApiMessage data, short version, ResponseReader<Object> reader) {
        ApiKey api = ApiKey.forId(data.apiKey());
        ByteBuffer payload = ResponseFrame.payload(KafkaWire.kafkaResponseFrame(data, version));
        assertThat(ResponseFrame.read(payload.duplicate(), api, version, KafkaWire.CORRELATION_ID, reader)).isNotNull();
        for (int length = 0; length < payload.remaining(); length++) {
            ByteBuffer cut = payload.duplicate().limit(payload.position() + length);
            assertThatThrownBy(() -> ResponseFrame.read(cut, api, version, KafkaWire.CORRELATION_ID, reader))
                    .as("%s v%d cut to %d bytes", api, version, length)
                    .isInstanceOf(ProtocolException.class).hasMessageContaining(api.protocolName());
        }
        ByteBuffer longer = ByteBuffer.allocate(payload.remaining() + 1).put(payload.duplicate()).put((byte) 7).flip();
        assertThatThrownBy(() -> ResponseFrame.read(longer, api, version, KafkaWire.CORRELATION_ID, reader))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("trailing");
    }
}
