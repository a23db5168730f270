package dev.legacykafka.client.scripted;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.MetadataRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each request a node receives: ApiVersions, Metadata and InitProducerId here, Produce in
 * {@link ProduceHandler}, the transaction APIs in {@link TransactionHandler}. Any other API closes the connection, as a broker would on a request it
 * cannot parse.
 */
final class RequestRouter implements BrokerNetwork.RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestRouter.class);
    /** Produce v0-v2 carry MessageSets, which kafka-clients 4.x no longer reads. */
    private static final short MIN_PRODUCE_VERSION = 3;

    private final ClusterState cluster;
    private final ProduceHandler produce;
    private final TransactionHandler transactions;

    RequestRouter(ClusterState cluster) {
        this.cluster = cluster;
        this.produce = new ProduceHandler(cluster);
        this.transactions = new TransactionHandler(cluster);
    }

    @Override
    public Reply handle(int nodeId, ByteBuffer frame, long readAtMs) {
        WireCodec.ParsedRequest request = WireCodec.parse(frame);
        if (cluster.faults.isUnresponsive()) {
            return Reply.silence();
        }
        int correlationId = request.header().correlationId();
        return switch (request.api()) {
            case PRODUCE -> produce.handle(nodeId, request, readAtMs);
            case API_VERSIONS -> cluster.faults.skipsApiVersions() ? Reply.none() : answer(request, correlationId, apiVersions());
            case METADATA -> answer(request, correlationId, metadata(request));
            case INIT_PRODUCER_ID -> answer(request, correlationId, initProducerId(request));
            case FIND_COORDINATOR -> answer(request, correlationId, transactions.findCoordinator(request));
            case ADD_PARTITIONS_TO_TXN -> answer(request, correlationId, transactions.addPartitions(request));
            case END_TXN -> answer(request, correlationId, transactions.endTxn(request));
            default -> {
                log.warn("Scripted broker node {} does not implement {}; closing the connection", nodeId, request.api());
                yield Reply.close();
            }
        };
    }

    private static Reply answer(WireCodec.ParsedRequest request, int correlationId, ApiMessage body) {
        return Reply.send(WireCodec.responseFrame(request.api(), request.version(), correlationId, body), 0);
    }

    private static ApiVersionsResponseData apiVersions() {
        ApiVersionsResponseData.ApiVersionCollection apis = new ApiVersionsResponseData.ApiVersionCollection();
        apis.add(range(ApiKeys.PRODUCE, MIN_PRODUCE_VERSION, 13));
        apis.add(range(ApiKeys.METADATA, ApiKeys.METADATA.oldestVersion(), 13));
        apis.add(range(ApiKeys.API_VERSIONS, ApiKeys.API_VERSIONS.oldestVersion(), 4));
        apis.add(range(ApiKeys.INIT_PRODUCER_ID, ApiKeys.INIT_PRODUCER_ID.oldestVersion(), 5));
        // One coordinator key per request (v1-v3), and the client forms of the transaction APIs.
        apis.add(range(ApiKeys.FIND_COORDINATOR, 1, 3));
        apis.add(range(ApiKeys.ADD_PARTITIONS_TO_TXN, 0, 3));
        apis.add(range(ApiKeys.END_TXN, 0, 4));
        return new ApiVersionsResponseData().setErrorCode(Errors.NONE.code()).setApiKeys(apis);
    }

    /** The versions both we (via kafka-clients) and the producer under test speak. */
    private static ApiVersionsResponseData.ApiVersion range(ApiKeys api, int min, int max) {
        return new ApiVersionsResponseData.ApiVersion().setApiKey(api.id)
                .setMinVersion((short) Math.max(min, api.oldestVersion()))
                .setMaxVersion((short) Math.min(max, api.latestVersion()));
    }

    private MetadataResponseData metadata(WireCodec.ParsedRequest request) {
        short version = request.version();
        MetadataRequestData data = ((MetadataRequest) request.body()).data();
        synchronized (cluster) {
            cluster.metadataRequestTimes.add(System.currentTimeMillis());
            FaultSchedule.MetadataFault fault = cluster.faults.nextMetadataFault();
            MetadataResponseData response = new MetadataResponseData();
            MetadataResponseData.MetadataResponseBrokerCollection brokers = new MetadataResponseData.MetadataResponseBrokerCollection();
            for (ClusterState.Node node : fault == FaultSchedule.MetadataFault.EMPTY_CACHE ? List.<ClusterState.Node>of() : cluster.nodes) {
                brokers.add(new MetadataResponseData.MetadataResponseBroker().setNodeId(node.id()).setHost(node.host())
                        .setPort(node.port()));
            }
            response.setBrokers(brokers);
            if (version >= 1) {
                response.setControllerId(0);
            }
            if (version >= 2) {
                response.setClusterId("scripted-cluster");
            }
            List<String> names = new ArrayList<>();
            if (data.topics() == null || (version == 0 && data.topics().isEmpty())) {
                names.addAll(cluster.topics.keySet());
            } else {
                for (MetadataRequestData.MetadataRequestTopic topic : data.topics()) {
                    names.add(topic.name() != null ? topic.name() : cluster.topicNames.get(topic.topicId()));
                }
            }
            for (String name : names) {
                if (fault == FaultSchedule.MetadataFault.EMPTY_CACHE) {
                    response.topics().add(new MetadataResponseData.MetadataResponseTopic().setName(name)
                            .setErrorCode(Errors.INVALID_REPLICATION_FACTOR.code()));
                } else {
                    response.topics().add(topicMetadata(name, version, fault == FaultSchedule.MetadataFault.NO_LEADER));
                }
            }
            return response;
        }
    }

    private MetadataResponseData.MetadataResponseTopic topicMetadata(String name, short version, boolean leaderless) {
        MetadataResponseData.MetadataResponseTopic out = new MetadataResponseData.MetadataResponseTopic().setName(name);
        ClusterState.Topic topic = name == null ? null : cluster.topics.get(name);
        if (topic == null) {
            return out.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        if (version >= 10) {
            out.setTopicId(topic.id());
        }
        List<Integer> replicas = new ArrayList<>();
        for (ClusterState.Node node : cluster.nodes) {
            replicas.add(node.id());
        }
        List<MetadataResponseData.MetadataResponsePartition> partitions = new ArrayList<>();
        for (PartitionState partition : topic.partitions()) {
            boolean noLeader = leaderless && partition.partition == 0;
            MetadataResponseData.MetadataResponsePartition p = new MetadataResponseData.MetadataResponsePartition()
                    .setPartitionIndex(partition.partition).setLeaderId(noLeader ? -1 : partition.leaderId)
                    .setErrorCode(noLeader ? Errors.LEADER_NOT_AVAILABLE.code() : Errors.NONE.code())
                    .setReplicaNodes(replicas).setIsrNodes(replicas);
            if (version >= 7) {
                p.setLeaderEpoch(partition.leaderEpoch);
            }
            partitions.add(p);
        }
        return out.setPartitions(partitions);
    }

    private InitProducerIdResponseData initProducerId(WireCodec.ParsedRequest request) {
        InitProducerIdRequestData data = ((InitProducerIdRequest) request.body()).data();
        synchronized (cluster) {
            Errors injected = cluster.faults.nextInitProducerIdError();
            if (injected != null) {
                return new InitProducerIdResponseData().setErrorCode(injected.code()).setProducerId(-1).setProducerEpoch((short) -1);
            }
            if (data.transactionalId() != null) {
                return transactions.initProducerId(data.transactionalId());
            }
            long id = data.producerId();
            Short current = id >= 0 ? cluster.producerEpochs.get(id) : null;
            boolean bump = request.version() >= 3 && cluster.behaviour.bumpEpochOnInit() && current != null
                    && current == data.producerEpoch() && current < Short.MAX_VALUE - 1;
            if (bump) {
                short epoch = (short) (current + 1);
                cluster.producerEpochs.put(id, epoch);
                return new InitProducerIdResponseData().setProducerId(id).setProducerEpoch(epoch);
            }
            long newId = cluster.nextProducerId++;
            cluster.producerEpochs.put(newId, (short) 0);
            return new InitProducerIdResponseData().setProducerId(newId).setProducerEpoch((short) 0);
        }
    }
}
