/**
 * Multi-broker Kafka clusters for failover tests: {@link dev.legacykafka.test.cluster.KafkaCluster}
 * runs N brokers of one release (0.10.2 to 4.x) as child JVMs, each behind a
 * {@link dev.legacykafka.test.proxy.FaultProxy} that it advertises to clients, and
 * {@link dev.legacykafka.test.cluster.ClusterBroker} stops, kills, pauses and starts them one by one.
 */
package dev.legacykafka.test.cluster;
