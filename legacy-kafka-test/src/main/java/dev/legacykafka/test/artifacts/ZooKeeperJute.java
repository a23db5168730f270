package dev.legacykafka.test.artifacts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * ZooKeeper 3.5 split its wire format into {@code zookeeper-jute}, which some broker POMs (2.x)
 * leave off their runtime classpath although both the broker and the ZooKeeper server need it.
 */
final class ZooKeeperJute {

    private ZooKeeperJute() {
    }

    /**
     * @param resolved {@code groupId:artifactId:version} of every artifact on the broker classpath
     * @return {@code zookeeper-jute} in ZooKeeper's version if ZooKeeper 3.5+ is there without it
     */
    static List<String> missingArtifacts(Collection<String> resolved) {
        Optional<String> zookeeper = Coordinates.versionOf(resolved, "org.apache.zookeeper:zookeeper");
        if (zookeeper.isEmpty() || Coordinates.compareVersions(zookeeper.get(), "3.5") < 0
                || Coordinates.versionOf(resolved, "org.apache.zookeeper:zookeeper-jute").isPresent()) {
            return List.of();
        }
        return List.of("org.apache.zookeeper:zookeeper-jute:" + zookeeper.get());
    }
}
