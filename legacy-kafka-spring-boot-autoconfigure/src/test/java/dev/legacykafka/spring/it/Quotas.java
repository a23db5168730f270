package dev.legacykafka.spring.it;

import dev.legacykafka.test.KafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;

/** Sets a producer byte-rate quota for one client id on any broker version the tests use. */
final class Quotas {

    private Quotas() {
    }

    static void limitProducerBytes(KafkaBroker broker, String clientId, long bytesPerSecond) throws Exception {
        if (broker.version().toString().startsWith("0.")) {
            broker.setClientQuota(clientId, bytesPerSecond);
            return;
        }
        // The fixture's setClientQuota runs kafka.admin.ConfigCommand, which Kafka 4.x no longer ships
        // on the broker's classpath; the Admin API (KIP-546, brokers 2.6+) does the same.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            ClientQuotaEntity entity = new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, clientId));
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(entity,
                    List.of(new ClientQuotaAlteration.Op("producer_byte_rate", (double) bytesPerSecond)))))
                    .all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (admin.describeClientQuotas(ClientQuotaFilter.all()).entities().get(30, TimeUnit.SECONDS)
                    .getOrDefault(entity, Map.of()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
    }
}
