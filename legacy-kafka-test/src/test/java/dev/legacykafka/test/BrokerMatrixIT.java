package dev.legacykafka.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every broker of the matrix, started in parallel and checked with independent clients. */
class BrokerMatrixIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMatrixIT.class);
    static final List<String> VERSIONS = List.of("0.8.2.2", "0.9.0.1", "0.10.2.2", "0.11.0.3", "2.8.2", "3.9.1", "4.4.0");

    @BeforeAll
    static void startMatrixInParallel() {
        long started = System.nanoTime();
        KafkaBrokers.startAll(VERSIONS.toArray(String[]::new));
        LOG.info("Started {} brokers in parallel in {} ms", VERSIONS.size(), (System.nanoTime() - started) / 1_000_000);
    }

    static Stream<String> versions() {
        return VERSIONS.stream();
    }

    static Stream<String> versionsTheNewestJavaClientSpeaks() {
        return VERSIONS.stream().filter(v -> KafkaVersion.parse(v).atLeast("2.1"));
    }

    @ParameterizedTest
    @MethodSource("versions")
    void kcatSeesTheBroker(String version) {
        KafkaBroker broker = KafkaBrokers.shared(version);
        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
        assertThat(broker.version()).isEqualTo(KafkaVersion.parse(version));
        String json = Kcat.metadataJson(broker, null);
        assertThat(json).contains("\"name\":\"127.0.0.1:" + broker.port() + "\"");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void createdTopicHasThreePartitionsWithLeadersAndCarriesRecords(String version) {
        KafkaBroker broker = KafkaBrokers.shared(version);
        broker.createTopic("matrix-three", 3, Map.of());
        int[] partitionsAndLeaders = Kcat.partitionsAndLeaders(Kcat.metadataJson(broker, "matrix-three"), "matrix-three");
        assertThat(partitionsAndLeaders).containsExactly(3, 3);

        Kcat.produce(broker, "matrix-three", "one", "two");
        assertThat(Kcat.consume(broker, "matrix-three")).containsExactly("one", "two");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void topicConfigsReachTheBroker(String version) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(version);
        broker.createTopic("matrix-compact", 1, Map.of("cleanup.policy", "compact"));
        if (broker.version().atLeast("2.1")) {
            try (Admin admin = admin(broker)) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "matrix-compact");
                String policy = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                        .get(resource).get("cleanup.policy").value();
                assertThat(policy).isEqualTo("compact");
            }
        } else {
            // The broker's own tool reads the topic's config back from ZooKeeper.
            ToolResult describe = broker.runTool("kafka.admin.TopicCommand", List.of("--zookeeper",
                    broker.zookeeperConnect().orElseThrow(), "--describe", "--topic", "matrix-compact"),
                    Duration.ofSeconds(60));
            assertThat(describe.exitCode()).isZero();
            assertThat(describe.output()).contains("cleanup.policy=compact");
        }
    }

    @ParameterizedTest
    @MethodSource("versionsTheNewestJavaClientSpeaks")
    void newestJavaAdminDescribesCluster(String version) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(version);
        try (Admin admin = admin(broker)) {
            DescribeClusterResult cluster = admin.describeCluster();
            assertThat(cluster.nodes().get(30, TimeUnit.SECONDS)).singleElement()
                    .satisfies(node -> assertThat(node.port()).isEqualTo(broker.port()));
            broker.createTopic("matrix-admin", 2, Map.of());
            TopicDescription topic = admin.describeTopics(List.of("matrix-admin")).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get("matrix-admin");
            assertThat(topic.partitions()).hasSize(2).allSatisfy(p -> assertThat(p.leader()).isNotNull());
            // ApiVersions through the Admin client: the finalized/supported feature view needs it (2.7+).
            if (broker.version().atLeast("2.7")) {
                assertThat(admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS)).isNotNull();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void clientQuotasAreSetWhereTheBrokerHasThem(String version) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(version);
        if (!broker.version().supportsClientQuotas()) {
            assertThatThrownBy(() -> broker.setClientQuota("slow", 1024))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining(version);
            return;
        }
        broker.setClientQuota("slow", 1024);
        if (broker.version().atLeast("2.6")) {
            try (Admin admin = admin(broker)) {
                ClientQuotaFilter filter = ClientQuotaFilter.containsOnly(List.of(
                        ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.CLIENT_ID, "slow")));
                Map<ClientQuotaEntity, Map<String, Double>> quotas = admin.describeClientQuotas(filter).entities()
                        .get(30, TimeUnit.SECONDS);
                assertThat(quotas.values()).singleElement()
                        .satisfies(q -> assertThat(q).containsEntry("producer_byte_rate", 1024.0));
            }
        } else {
            ToolResult describe = broker.runTool("kafka.admin.ConfigCommand", List.of("--zookeeper",
                    broker.zookeeperConnect().orElseThrow(), "--describe", "--entity-type", "clients",
                    "--entity-name", "slow"), Duration.ofSeconds(60));
            assertThat(describe.output()).contains("producer_byte_rate=1024");
        }
    }

    static Stream<String> versionsWithoutApiVersions() {
        return VERSIONS.stream().filter(v -> !KafkaVersion.parse(v).supportsApiVersions());
    }

    @ParameterizedTest
    @MethodSource("versionsWithoutApiVersions")
    void oldBrokersAreReadWithTheirOwnConsoleConsumer(String version) {
        KafkaBroker broker = KafkaBrokers.shared(version);
        broker.createTopic("matrix-console", 1, Map.of());
        Kcat.produce(broker, "matrix-console", "written-by-kcat");
        ToolResult read = broker.runTool("kafka.tools.ConsoleConsumer", List.of("--zookeeper",
                broker.zookeeperConnect().orElseThrow(), "--topic", "matrix-console", "--from-beginning",
                "--max-messages", "1"), Duration.ofSeconds(90));
        assertThat(read.output()).contains("written-by-kcat");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void sharedBrokersRefuseLifecycleChanges(String version) {
        KafkaBroker broker = KafkaBrokers.shared(version);
        assertThat(KafkaBrokers.shared(version)).isSameAs(broker);
        assertThatThrownBy(broker::stop).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("dedicated");
        assertThatThrownBy(broker::kill).isInstanceOf(UnsupportedOperationException.class);
        broker.close();
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.logTail(5)).contains("--- Kafka " + version + " log");
    }

    static Admin admin(KafkaBroker broker) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(props);
    }
}
