package dev.legacykafka.client.scripted;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.requests.ProduceRequest;

/**
 * Handles Produce requests the way a partition leader does, in the order of Kafka's append path:
 * leadership, then validation of the batch (size, keys on compacted topics), then the producer's
 * epoch and sequence, then the append. Faults from the schedule are applied on the way.
 */
final class ProduceHandler {

    private final ClusterState cluster;

    ProduceHandler(ClusterState cluster) {
        this.cluster = cluster;
    }

    /** One partition batch of the request, with the partition fault that applies to it. */
    private record Incoming(ProduceRequestData.TopicProduceData topicData, ProduceRequestData.PartitionProduceData data,
                            PartitionState partition, BatchSummary batch, ProduceEvent event, FaultRule fault) {
    }

    /** How a partition was answered. */
    private record Outcome(Errors error, long baseOffset, String message, String description,
                           List<ProduceResponseData.BatchIndexAndErrorMessage> recordErrors, boolean leaderHint) {

        static Outcome error(Errors error, String message) {
            return new Outcome(error, -1, message, "REJECTED", List.of(), false);
        }
    }

    Reply handle(int nodeId, WireCodec.ParsedRequest request, long readAtMs) {
        ProduceRequest produce = (ProduceRequest) request.body();
        short version = request.version();
        synchronized (cluster) {
            int requestNumber = ++cluster.produceRequests;
            List<Incoming> incoming = new ArrayList<>();
            FaultRule requestFault = null;
            for (ProduceRequestData.TopicProduceData topicData : produce.data().topicData()) {
                String topic = version >= 13 ? cluster.topicNames.get(topicData.topicId()) : topicData.name();
                for (ProduceRequestData.PartitionProduceData data : topicData.partitionData()) {
                    PartitionState partition = cluster.partition(topic, data.index());
                    BatchSummary batch = BatchSummary.of((MemoryRecords) data.records());
                    int partitionNumber = partition == null ? 0 : ++partition.batchesReceived;
                    ProduceEvent event = new ProduceEvent(requestNumber, partitionNumber, nodeId, version, topic,
                            data.index(), batch.producerId(), batch.producerEpoch(), batch.baseSequence(),
                            batch.lastSequence(), batch.recordCount(), batch.sizeInBytes(), readAtMs);
                    FaultRule fault = cluster.faults.applyPartitionFault(event);
                    if (requestFault == null) {
                        requestFault = cluster.faults.applyRequestFault(event);
                    }
                    incoming.add(new Incoming(topicData, data, partition, batch, event, fault));
                }
            }
            String requestNote = requestFault == null ? "" : " [" + requestFault.kind() + "]";
            if (requestFault != null && (requestFault.kind() == FaultRule.Kind.DROP_REQUEST
                    || requestFault.kind() == FaultRule.Kind.CLOSE_BEFORE_APPEND)) {
                for (Incoming in : incoming) {
                    cluster.received.add(new ReceivedProduce(in.event(), Errors.NONE, -1, "NOT_PROCESSED" + requestNote, Long.MAX_VALUE));
                }
                return requestFault.kind() == FaultRule.Kind.DROP_REQUEST ? Reply.silence() : Reply.close();
            }
            long answeredAtMs = answeredAt(requestFault, produce.acks());
            ProduceResponseData response = new ProduceResponseData();
            Set<Integer> hintedNodes = new LinkedHashSet<>();
            for (Incoming in : incoming) {
                Outcome outcome = process(nodeId, version, in);
                String note = (in.fault() == null ? "" : " [" + in.fault() + "]") + requestNote;
                cluster.received.add(new ReceivedProduce(in.event(), outcome.error(), outcome.baseOffset(),
                        outcome.description() + note, answeredAtMs));
                responseFor(response, in, version).partitionResponses().add(partitionResponse(in, outcome, version));
                if (outcome.leaderHint()) {
                    hintedNodes.add(in.partition().leaderId);
                }
            }
            for (int hinted : hintedNodes) {
                ClusterState.Node node = cluster.node(hinted);
                response.nodeEndpoints().add(new ProduceResponseData.NodeEndpoint().setNodeId(node.id())
                        .setHost(node.host()).setPort(node.port()));
            }
            if (requestFault != null && requestFault.kind() == FaultRule.Kind.DROP_RESPONSE) {
                return Reply.silence();
            }
            if (requestFault != null && requestFault.kind() == FaultRule.Kind.CLOSE_AFTER_APPEND) {
                return Reply.close();
            }
            if (produce.acks() == 0) {
                return Reply.none();
            }
            ByteBuffer frame = WireCodec.responseFrame(ApiKeys.PRODUCE, version, request.header().correlationId(), response);
            long delay = requestFault != null && requestFault.kind() == FaultRule.Kind.DELAY_RESPONSE ? requestFault.delayMs() : 0;
            return Reply.send(frame, delay);
        }
    }

    /** When the response is due: now, after a delay, or never (dropped, closed, acks=0). */
    private static long answeredAt(FaultRule requestFault, short acks) {
        long now = System.currentTimeMillis();
        if (requestFault == null) {
            return acks == 0 ? Long.MAX_VALUE : now;
        }
        return switch (requestFault.kind()) {
            case DELAY_RESPONSE -> now + requestFault.delayMs();
            case DROP_RESPONSE, CLOSE_AFTER_APPEND -> Long.MAX_VALUE;
            default -> now;
        };
    }

    private Outcome process(int nodeId, short version, Incoming in) {
        PartitionState partition = in.partition();
        if (partition == null) {
            return Outcome.error(Errors.UNKNOWN_TOPIC_OR_PARTITION, "This server does not host this topic-partition.");
        }
        FaultRule fault = in.fault();
        if (fault != null && fault.kind() == FaultRule.Kind.MOVE_LEADER) {
            cluster.moveLeader(partition, fault.newLeader(), fault.leaderHint());
        }
        if (fault != null && fault.kind() == FaultRule.Kind.FORGET_PRODUCER) {
            partition.producers.forget(in.event().producerId());
        }
        if (partition.leaderId != nodeId) {
            boolean hint = partition.leaderHint && version >= 10;
            return new Outcome(Errors.NOT_LEADER_OR_FOLLOWER, -1, null, "REJECTED", List.of(), hint);
        }
        if (fault != null && fault.kind() == FaultRule.Kind.ANSWER_ERROR) {
            return Outcome.error(fault.error(), "injected by the scripted broker's fault schedule");
        }
        Outcome invalid = validate(partition, version, in.batch());
        if (invalid != null) {
            return invalid;
        }
        RecordBatch batch = in.batch().first();
        if (batch.hasProducerId()) {
            ProducerStateTable.Verdict verdict = partition.producers.check(batch.producerId(), batch.producerEpoch(),
                    batch.baseSequence(), batch.lastSequence(), cluster.behaviour);
            if (verdict instanceof ProducerStateTable.Reject reject) {
                return Outcome.error(reject.error(), reject.message());
            }
            if (verdict instanceof ProducerStateTable.Duplicate duplicate) {
                return switch (cluster.behaviour.duplicateReply()) {
                    case ORIGINAL_OFFSET -> new Outcome(Errors.NONE, duplicate.baseOffset(), null, "DUPLICATE", List.of(), false);
                    case DUPLICATE_SEQUENCE_NUMBER -> new Outcome(Errors.DUPLICATE_SEQUENCE_NUMBER, -1,
                            "duplicate of the batch at offset " + duplicate.baseOffset(), "DUPLICATE", List.of(), false);
                };
            }
        }
        long baseOffset = append(partition, batch);
        if (fault != null && fault.kind() == FaultRule.Kind.APPEND_THEN_ANSWER_ERROR) {
            return new Outcome(fault.error(), -1, "injected after the append", "APPENDED", List.of(), false);
        }
        return new Outcome(Errors.NONE, baseOffset, null, "APPENDED", List.of(), false);
    }

    /** Kafka validates a batch before it looks at the producer's sequence. */
    private Outcome validate(PartitionState partition, short version, BatchSummary summary) {
        if (summary.batches().size() != 1) {
            return Outcome.error(Errors.INVALID_RECORD, "Produce v3+ must carry exactly one record batch, got "
                    + summary.batches().size());
        }
        RecordBatch batch = summary.first();
        if (batch.magic() != RecordBatch.MAGIC_VALUE_V2) {
            return Outcome.error(Errors.INVALID_RECORD, "Produce v3+ needs a magic 2 batch, got magic " + batch.magic());
        }
        if (!batch.isValid()) {
            return Outcome.error(Errors.CORRUPT_MESSAGE, "The batch's CRC does not match its contents");
        }
        TopicSpec spec = cluster.topics.get(partition.topic).spec();
        if (batch.sizeInBytes() > spec.maxMessageBytes()) {
            return Outcome.error(Errors.MESSAGE_TOO_LARGE, "The batch is " + batch.sizeInBytes()
                    + " bytes, larger than max.message.bytes " + spec.maxMessageBytes());
        }
        if (!spec.compacted()) {
            return null;
        }
        List<ProduceResponseData.BatchIndexAndErrorMessage> recordErrors = new ArrayList<>();
        int index = 0;
        for (Record record : batch) {
            if (!record.hasKey()) {
                recordErrors.add(new ProduceResponseData.BatchIndexAndErrorMessage().setBatchIndex(index)
                        .setBatchIndexErrorMessage("Compacted topic cannot accept message without key in topic partition "
                                + partition.topic + "-" + partition.partition + "."));
            }
            index++;
        }
        if (recordErrors.isEmpty()) {
            return null;
        }
        // Produce v8 introduced record_errors; older versions only learn that the batch was invalid.
        return new Outcome(Errors.INVALID_RECORD, -1, "One or more records have been rejected", "REJECTED",
                version >= 8 ? recordErrors : List.of(), false);
    }

    private static long append(PartitionState partition, RecordBatch batch) {
        long baseOffset = partition.nextOffset();
        for (Record record : batch) {
            partition.log.add(new LoggedRecord(partition.nextOffset(), bytes(record.hasKey() ? record.key() : null),
                    bytes(record.hasValue() ? record.value() : null), batch.producerId(), batch.producerEpoch(),
                    batch.hasProducerId() ? record.sequence() : -1));
        }
        if (batch.hasProducerId()) {
            partition.producers.appended(batch.producerId(), batch.producerEpoch(), batch.baseSequence(),
                    batch.lastSequence(), baseOffset);
        }
        return baseOffset;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static ProduceResponseData.TopicProduceResponse responseFor(ProduceResponseData response, Incoming in,
                                                                        short version) {
        for (ProduceResponseData.TopicProduceResponse existing : response.responses()) {
            boolean same = version >= 13 ? existing.topicId().equals(in.topicData().topicId())
                    : existing.name().equals(in.topicData().name());
            if (same) {
                return existing;
            }
        }
        ProduceResponseData.TopicProduceResponse created = new ProduceResponseData.TopicProduceResponse();
        if (version >= 13) {
            created.setTopicId(in.topicData().topicId());
        } else {
            created.setName(in.topicData().name());
        }
        response.responses().add(created);
        return created;
    }

    private ProduceResponseData.PartitionProduceResponse partitionResponse(Incoming in, Outcome outcome, short version) {
        ProduceResponseData.PartitionProduceResponse out = new ProduceResponseData.PartitionProduceResponse()
                .setIndex(in.data().index()).setErrorCode(outcome.error().code()).setBaseOffset(outcome.baseOffset());
        if (version >= 5) {
            out.setLogStartOffset(outcome.error() == Errors.NONE ? 0 : -1);
        }
        if (version >= 8) {
            out.setRecordErrors(outcome.recordErrors()).setErrorMessage(outcome.message());
        }
        if (outcome.leaderHint()) {
            out.setCurrentLeader(new ProduceResponseData.LeaderIdAndEpoch().setLeaderId(in.partition().leaderId)
                    .setLeaderEpoch(in.partition().leaderEpoch));
        }
        return out;
    }
}
