package dev.legacykafka.client.scripted;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Runs every request type once through a throwaway cluster before the first real connection.
 * Loading kafka-clients' message classes takes longer than a short request timeout on a busy
 * machine, and a client whose first ApiVersions times out may take the broker for a 0.9 one.
 */
final class WarmUp {

    private static volatile boolean done;

    private WarmUp() {
    }

    static void once() {
        if (done) {
            return;
        }
        ClusterState cluster = new ClusterState(BrokerBehaviour.defaults());
        cluster.nodes.add(new ClusterState.Node(0, "127.0.0.1", 9));
        cluster.addTopic(TopicSpec.of("warm-up", 1).asCompacted());
        RequestRouter router = new RequestRouter(cluster);
        java.util.function.Consumer<ByteBuffer> warm = frame -> router.handle(0, frame, 0);
        warm.accept(frame(ApiKeys.API_VERSIONS, 3, new ApiVersionsRequestData()
                .setClientSoftwareName("warm-up").setClientSoftwareVersion("1")));
        warm.accept(frame(ApiKeys.METADATA, 12, new MetadataRequestData()
                .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName("warm-up")))));
        warm.accept(frame(ApiKeys.INIT_PRODUCER_ID, 5, new InitProducerIdRequestData()
                .setTransactionalId(null).setTransactionTimeoutMs(60_000).setProducerId(-1).setProducerEpoch((short) -1)));
        for (short version : new short[] {7, 11}) {
            MemoryRecords records = MemoryRecords.withIdempotentRecords(Compression.NONE, 1000L, (short) 0, 0,
                    new SimpleRecord("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8)),
                    new SimpleRecord(null, "v".getBytes(StandardCharsets.UTF_8)));
            ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
            topics.add(new ProduceRequestData.TopicProduceData().setName("warm-up").setPartitionData(List.of(
                    new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records))));
            warm.accept(frame(ApiKeys.PRODUCE, version, new ProduceRequestData().setAcks((short) -1)
                    .setTimeoutMs(1000).setTopicData(topics)));
        }
        done = true;
    }

    private static ByteBuffer frame(ApiKeys api, int version, ApiMessage body) {
        RequestHeader header = new RequestHeader(api, (short) version, "warm-up", 1);
        ByteBuffer head = MessageUtil.toByteBufferAccessor(header.data(), header.headerVersion()).buffer();
        ByteBuffer payload = MessageUtil.toByteBufferAccessor(body, (short) version).buffer();
        ByteBuffer frame = ByteBuffer.allocate(head.remaining() + payload.remaining());
        return frame.put(head).put(payload).flip();
    }
}
