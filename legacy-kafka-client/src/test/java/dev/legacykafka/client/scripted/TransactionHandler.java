package dev.legacykafka.client.scripted;

import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AddPartitionsToTxnRequest;
import org.apache.kafka.common.requests.EndTxnRequest;

/**
 * The transaction coordinator of the scripted cluster, always node 0, reduced to what a
 * producer's state machine meets: a producer id per transactional id whose epoch goes up with
 * every InitProducerId, partitions added to the open transaction, and EndTxn recorded in
 * {@link ClusterState#transactionEnds}. It writes no transaction markers; tests read outcomes from
 * the producer and from the ends recorded.
 */
final class TransactionHandler {

    /** An EndTxn the coordinator accepted. */
    record TransactionEnd(String transactionalId, long producerId, short producerEpoch, boolean committed) {
    }

    private final ClusterState cluster;

    TransactionHandler(ClusterState cluster) {
        this.cluster = cluster;
    }

    FindCoordinatorResponseData findCoordinator(WireCodec.ParsedRequest request) {
        ClusterState.Node coordinator = cluster.node(0);
        return new FindCoordinatorResponseData().setErrorCode(Errors.NONE.code()).setNodeId(coordinator.id())
                .setHost(coordinator.host()).setPort(coordinator.port());
    }

    /** Called with the cluster's monitor held (from the InitProducerId answer). */
    InitProducerIdResponseData initProducerId(String transactionalId) {
        Long id = cluster.transactionalProducerIds.get(transactionalId);
        if (id == null) {
            id = cluster.nextProducerId++;
            cluster.transactionalProducerIds.put(transactionalId, id);
            cluster.producerEpochs.put(id, (short) 0);
        } else {
            cluster.producerEpochs.put(id, (short) (cluster.producerEpochs.get(id) + 1));
        }
        return new InitProducerIdResponseData().setProducerId(id).setProducerEpoch(cluster.producerEpochs.get(id));
    }

    AddPartitionsToTxnResponseData addPartitions(WireCodec.ParsedRequest request) {
        AddPartitionsToTxnRequestData data = ((AddPartitionsToTxnRequest) request.body()).data();
        AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResultCollection topics =
                new AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResultCollection();
        synchronized (cluster) {
            Errors epochError = epochError(data.v3AndBelowProducerId(), data.v3AndBelowProducerEpoch());
            for (AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic topic : data.v3AndBelowTopics()) {
                AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResultCollection partitions =
                        new AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResultCollection();
                for (int partition : topic.partitions()) {
                    Errors error = epochError != Errors.NONE ? epochError
                            : cluster.partition(topic.name(), partition) == null ? Errors.UNKNOWN_TOPIC_OR_PARTITION
                            : cluster.transactionRefusals.getOrDefault(topic.name(), Errors.NONE);
                    partitions.add(new AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResult()
                            .setPartitionIndex(partition).setPartitionErrorCode(error.code()));
                }
                topics.add(new AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult().setName(topic.name())
                        .setResultsByPartition(partitions));
            }
        }
        return new AddPartitionsToTxnResponseData().setResultsByTopicV3AndBelow(topics);
    }

    EndTxnResponseData endTxn(WireCodec.ParsedRequest request) {
        EndTxnRequestData data = ((EndTxnRequest) request.body()).data();
        synchronized (cluster) {
            Errors error = epochError(data.producerId(), data.producerEpoch());
            if (error == Errors.NONE) {
                cluster.transactionEnds.add(new TransactionEnd(data.transactionalId(), data.producerId(),
                        data.producerEpoch(), data.committed()));
            }
            return new EndTxnResponseData().setErrorCode(error.code());
        }
    }

    /** A request from an older epoch of the producer comes from a fenced zombie. */
    private Errors epochError(long producerId, short epoch) {
        Short current = cluster.producerEpochs.get(producerId);
        if (current == null) {
            return Errors.INVALID_PRODUCER_ID_MAPPING;
        }
        return current == epoch ? Errors.NONE : Errors.PRODUCER_FENCED;
    }
}
