package dev.legacykafka.test.artifacts;

import dev.legacykafka.test.KafkaVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the runtime classpath of a Kafka broker release ({@code org.apache.kafka:kafka_<scala>}
 * with its transitive runtime dependencies and {@link KafkaVersion#extraArtifacts() the extras it
 * needs}) from a remote Maven repository into the local one.
 *
 * <p>Resolved classpaths are cached in memory and in a small file next to the local repository,
 * so a later JVM starts without asking the resolver at all. Resolution is serialized inside the
 * JVM and, through a file lock, across JVMs sharing the local repository.
 */
public final class BrokerClasspathResolver {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerClasspathResolver.class);
    private static final BrokerClasspathResolver DEFAULT = new BrokerClasspathResolver(
            MavenCentral.localRepository(), MavenCentral.remoteUrl());
    private static final Object JVM_LOCK = new Object();
    private static final String CACHE_FORMAT = "legacy-kafka-classpath-v5";

    private final Path localRepository;
    private final String remoteUrl;
    private final Map<String, List<Path>> cache = new ConcurrentHashMap<>();

    /**
     * A resolver for the given repositories.
     *
     * @param localRepository the local Maven repository that receives the artifacts
     * @param remoteUrl the remote repository to download from
     */
    public BrokerClasspathResolver(Path localRepository, String remoteUrl) {
        this.localRepository = localRepository;
        this.remoteUrl = remoteUrl;
    }

    /**
     * The resolver configured from system properties, see {@link MavenCentral}. The local
     * repository is read when this class loads, so {@code maven.repo.local} must be set before.
     */
    public static BrokerClasspathResolver defaultResolver() {
        return DEFAULT;
    }

    /**
     * The jars to run a broker of the given version with, downloading them if needed.
     *
     * @param version the broker release
     * @return absolute paths of existing jar files, the broker artifact first
     * @throws ArtifactResolutionException if an artifact cannot be resolved
     */
    public List<Path> resolve(KafkaVersion version) {
        return resolve("broker-" + version, brokerCoordinates(version));
    }

    /**
     * The jars to run the release's separately published command line tools with (3.0 and later):
     * {@code kafka-tools} of the newest release of the same major line up to this one, with the
     * broker jar of that release. A classpath of its own, since that release may differ from the
     * broker's (4.4.0 publishes no {@code kafka-tools}); the tools talk to the broker over the wire.
     *
     * @param version the broker release
     * @return the tools' classpath, or empty if the broker jar holds every tool
     * @throws ArtifactResolutionException if an artifact cannot be resolved
     */
    public Optional<List<Path>> resolveTools(KafkaVersion version) {
        return version.toolsArtifact().map(tools -> resolve("tools-" + version, List.of(tools)));
    }

    /** The Maven coordinates of a broker classpath, root artifact first. */
    static List<String> brokerCoordinates(KafkaVersion version) {
        List<String> coordinates = new ArrayList<>();
        coordinates.add("org.apache.kafka:" + version.brokerArtifactId() + ":" + version);
        coordinates.addAll(version.extraArtifacts());
        return coordinates;
    }

    private List<Path> resolve(String name, List<String> coordinates) {
        List<Path> cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        synchronized (JVM_LOCK) {
            cached = cache.get(name);
            if (cached != null) {
                return cached;
            }
            List<Path> jars = resolveUnderFileLock(name, coordinates);
            cache.put(name, jars);
            return jars;
        }
    }

    private List<Path> resolveUnderFileLock(String name, List<String> coordinates) {
        Path cacheDir = localRepository.resolve(".legacy-kafka");
        Path cacheFile = cacheDir.resolve(name + ".classpath");
        String key = CACHE_FORMAT + " " + String.join(",", coordinates);
        try {
            Files.createDirectories(cacheDir);
            try (FileChannel channel = FileChannel.open(cacheDir.resolve("resolve.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Optional<List<Path>> fromFile = readCacheFile(cacheFile, key);
                if (fromFile.isPresent()) {
                    return fromFile.get();
                }
                long started = System.nanoTime();
                List<Path> jars = resolveWithMaven(coordinates);
                LOG.info("Resolved {} ({} jars) in {} ms", String.join(", ", coordinates), jars.size(),
                        (System.nanoTime() - started) / 1_000_000);
                writeCacheFile(cacheFile, key, jars);
                return jars;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the classpath cache in " + cacheDir, e);
        }
    }

    private static Optional<List<Path>> readCacheFile(Path file, String key) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(key)) {
            return Optional.empty();
        }
        List<Path> jars = lines.subList(1, lines.size()).stream().map(Path::of).collect(Collectors.toList());
        // A pruned local repository invalidates the cache rather than failing the broker start.
        if (jars.isEmpty() || !jars.stream().allMatch(Files::isRegularFile)) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(jars));
    }

    private static void writeCacheFile(Path file, String key, List<Path> jars) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(key);
        jars.forEach(jar -> lines.add(jar.toString()));
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.write(temp, lines, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private List<Path> resolveWithMaven(List<String> coordinates) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
            session.setLocalRepositoryManager(
                    system.newLocalRepositoryManager(session, new LocalRepository(localRepository.toFile())));
            // File locks keep a concurrent Maven build from seeing half-written artifacts.
            session.setConfigProperty("aether.syncContext.named.factory", "file-lock");
            session.setConfigProperty("aether.syncContext.named.nameMapper", "file-gav");
            session.setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_WARN);
            // POMs activate profiles by JDK (jackson 2.21 does); without java.version they read as
            // invalid and, silently, as having no dependencies.
            session.setSystemProperties(System.getProperties());
            session.setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(true, false));

            RemoteRepository central = new RemoteRepository.Builder("central", "default", remoteUrl).build();
            List<ArtifactResult> results = resolveGraph(system, session, central, coordinates);
            // Second pass for what the POMs leave out but the distribution's libs/ has.
            List<String> resolved = results.stream()
                    .map(r -> r.getArtifact().getGroupId() + ":" + r.getArtifact().getArtifactId() + ":"
                            + r.getArtifact().getVersion())
                    .collect(Collectors.toList());
            List<String> missing = new ArrayList<>(LoggingBinding.missingArtifacts(resolved));
            missing.addAll(ZooKeeperJute.missingArtifacts(resolved));
            missing.addAll(ToolsCompanion.missingArtifacts(resolved));
            if (!missing.isEmpty()) {
                List<String> completed = new ArrayList<>(coordinates);
                completed.addAll(missing);
                results = resolveGraph(system, session, central, completed);
            }
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult result : results) {
                Artifact artifact = result.getArtifact();
                if (artifact != null && artifact.getFile() != null && "jar".equals(artifact.getExtension())) {
                    jars.add(artifact.getFile().toPath().toAbsolutePath());
                }
            }
            return List.copyOf(jars);
        } catch (DependencyResolutionException e) {
            throw new ArtifactResolutionException("Cannot resolve " + String.join(", ", coordinates) + " from " + remoteUrl + " into "
                    + localRepository + ": " + e.getMessage(), e);
        } finally {
            system.shutdown();
        }
    }

    private static List<ArtifactResult> resolveGraph(RepositorySystem system, DefaultRepositorySystemSession session,
            RemoteRepository repository, List<String> coordinates) throws DependencyResolutionException {
        CollectRequest collect = new CollectRequest();
        collect.setRoot(new Dependency(new DefaultArtifact(coordinates.get(0)), JavaScopes.RUNTIME));
        for (String extra : coordinates.subList(1, coordinates.size())) {
            collect.addDependency(new Dependency(new DefaultArtifact(extra), JavaScopes.RUNTIME));
        }
        collect.addRepository(repository);
        DependencyRequest request = new DependencyRequest(collect,
                DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        return system.resolveDependencies(session, request).getArtifactResults();
    }
}
