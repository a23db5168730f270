package dev.legacykafka.client.internals;

import dev.legacykafka.client.network.BrokerNode;
import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.RequestFrame;
import dev.legacykafka.client.protocol.RequestHeader;
import dev.legacykafka.client.protocol.ResponseFrame;
import dev.legacykafka.client.protocol.message.BrokerEndpoint;
import dev.legacykafka.client.protocol.message.ProduceRequest;
import dev.legacykafka.client.protocol.message.ProduceResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/** Puts drained batches into a Produce request frame, and maps a Produce response back to partitions. */
final class ProduceCodec {

    /**
     * A Produce response keyed by partition.
     *
     * @param partitions    each partition's outcome
     * @param throttleTimeMs the response's throttle_time_ms (v1+), else 0
     * @param nodeEndpoints brokers a v10+ response named as new leaders, by node id
     */
    record Decoded(Map<TopicPartition, ProduceResponse.PartitionResponse> partitions, int throttleTimeMs,
                   Map<Integer, BrokerNode> nodeEndpoints) {
    }

    private ProduceCodec() {
    }

    static ByteBuffer encodeRequest(short version, int correlationId, String clientId, String transactionalId, short acks,
                                    int timeoutMs, List<ProducerBatch> batches, Map<String, UUID> topicIds,
                                    IntFunction<ByteBuffer> frameBuffers) {
        Map<String, List<ProduceRequest.PartitionData>> byTopic = new LinkedHashMap<>();
        for (ProducerBatch batch : batches) {
            byTopic.computeIfAbsent(batch.topicPartition.topic(), t -> new ArrayList<>())
                    .add(new ProduceRequest.PartitionData(batch.topicPartition.partition(), batch.records()));
        }
        List<ProduceRequest.TopicData> topics = new ArrayList<>(byTopic.size());
        for (Map.Entry<String, List<ProduceRequest.PartitionData>> entry : byTopic.entrySet()) {
            topics.add(new ProduceRequest.TopicData(entry.getKey(), topicIds.get(entry.getKey()), entry.getValue()));
        }
        ProduceRequest request = new ProduceRequest(transactionalId, acks, timeoutMs, topics);
        RequestHeader header = new RequestHeader(ApiKey.PRODUCE, version, correlationId, clientId);
        ByteBuffer frame = frameBuffers.apply(RequestFrame.sizeInBytes(header, request));
        RequestFrame.encodeInto(header, request, frame);
        return frame.flip();
    }

    /**
     * Reads a Produce response to its last byte.
     *
     * @param topicIds the ids the request used (v13), to name topics again
     * @throws dev.legacykafka.client.errors.ProtocolException if it does not parse
     */
    static Decoded decodeResponse(ByteBuffer payload, short version, Map<String, UUID> topicIds) {
        ProduceResponse response = ResponseFrame.read(payload, ApiKey.PRODUCE, version,
                ResponseFrame.peekCorrelationId(payload), ProduceResponse::read);
        Map<UUID, String> names = new HashMap<>();
        topicIds.forEach((name, id) -> names.put(id, name));
        Map<TopicPartition, ProduceResponse.PartitionResponse> partitions = new HashMap<>();
        for (ProduceResponse.TopicResponse topic : response.topics()) {
            String name = topic.name() != null ? topic.name() : names.get(topic.topicId());
            for (ProduceResponse.PartitionResponse partition : topic.partitions()) {
                partitions.put(new TopicPartition(name, partition.index()), partition);
            }
        }
        Map<Integer, BrokerNode> endpoints = new HashMap<>();
        for (BrokerEndpoint endpoint : response.nodeEndpoints()) {
            endpoints.put(endpoint.nodeId(), new BrokerNode(endpoint.nodeId(), endpoint.host(), endpoint.port()));
        }
        return new Decoded(partitions, response.throttleTimeMs(), endpoints);
    }
}
