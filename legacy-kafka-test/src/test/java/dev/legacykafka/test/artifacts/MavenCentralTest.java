package dev.legacykafka.test.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MavenCentralTest {

    private final String savedRepo = System.getProperty(MavenCentral.LOCAL_REPOSITORY_PROPERTY);
    private final String savedUrl = System.getProperty(MavenCentral.REPOSITORY_URL_PROPERTY);

    @AfterEach
    void restore() {
        restore(MavenCentral.LOCAL_REPOSITORY_PROPERTY, savedRepo);
        restore(MavenCentral.REPOSITORY_URL_PROPERTY, savedUrl);
    }

    @Test
    void defaultRemoteIsMavensOwnCentral() {
        System.clearProperty(MavenCentral.REPOSITORY_URL_PROPERTY);
        assertThat(MavenCentral.remoteUrl()).startsWith("https://").endsWith("/maven2");
    }

    @Test
    void propertiesOverrideBothRepositories() {
        System.setProperty(MavenCentral.REPOSITORY_URL_PROPERTY, "http://127.0.0.1:1/mirror");
        System.setProperty(MavenCentral.LOCAL_REPOSITORY_PROPERTY, "/tmp/some-m2");
        assertThat(MavenCentral.remoteUrl()).isEqualTo("http://127.0.0.1:1/mirror");
        assertThat(MavenCentral.localRepository()).isEqualTo(Path.of("/tmp/some-m2"));
    }

    @Test
    void localRepositoryDefaultsToUserHome() {
        System.clearProperty(MavenCentral.LOCAL_REPOSITORY_PROPERTY);
        assertThat(MavenCentral.localRepository())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
