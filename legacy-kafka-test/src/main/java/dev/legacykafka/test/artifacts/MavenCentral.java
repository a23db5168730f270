package dev.legacykafka.test.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where broker artifacts come from and go to: the remote repository and the local Maven
 * repository, each overridable by a system property.
 */
public final class MavenCentral {

    /** System property naming the remote repository URL to download broker artifacts from. */
    public static final String REPOSITORY_URL_PROPERTY = "legacykafka.repository.url";

    /** Maven's own property for the local repository; honoured so builds and tests agree. */
    public static final String LOCAL_REPOSITORY_PROPERTY = "maven.repo.local";

    private static final String SUPER_POM = "/org/apache/maven/model/pom-4.0.0.xml";

    private MavenCentral() {
    }

    /**
     * The remote repository URL: the {@value #REPOSITORY_URL_PROPERTY} system property if set,
     * else the {@code central} repository of Maven's own super POM.
     */
    public static String remoteUrl() {
        String override = System.getProperty(REPOSITORY_URL_PROPERTY);
        if (override != null && !override.isBlank()) {
            return override.trim();
        }
        return superPomCentralUrl();
    }

    /**
     * The local repository: the {@value #LOCAL_REPOSITORY_PROPERTY} system property if set, else
     * {@code ~/.m2/repository}.
     */
    public static Path localRepository() {
        String override = System.getProperty(LOCAL_REPOSITORY_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Paths.get(override.trim()).toAbsolutePath();
        }
        return Paths.get(System.getProperty("user.home"), ".m2", "repository");
    }

    // Read from the super POM shipped with the resolver so the default is exactly Maven's.
    private static String superPomCentralUrl() {
        try (InputStream in = MavenCentral.class.getResourceAsStream(SUPER_POM)) {
            if (in == null) {
                throw new IllegalStateException("Maven super POM not found on the classpath: " + SUPER_POM
                        + "; set -D" + REPOSITORY_URL_PROPERTY + "=<url>");
            }
            String pom = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("<id>central</id>.*?<url>([^<]+)</url>", Pattern.DOTALL).matcher(pom);
            if (!m.find()) {
                throw new IllegalStateException("No central repository in Maven's super POM; set -D"
                        + REPOSITORY_URL_PROPERTY + "=<url>");
            }
            return m.group(1).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
