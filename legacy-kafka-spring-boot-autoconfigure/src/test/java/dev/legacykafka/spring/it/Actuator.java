package dev.legacykafka.spring.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the running application's actuator endpoints over HTTP, as a dashboard would. */
final class Actuator {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    Actuator(int port) {
        this.port = port;
    }

    String get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/" + path))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException ex) {
            throw new IllegalStateException("GET /actuator/" + path + " failed", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The value of the first /actuator/prometheus sample of {@code name} whose labels contain every
     * {@code label="value"} pair given.
     */
    OptionalDouble prometheus(String name, String... labels) {
        return sample(get("prometheus"), name, labels);
    }

    /** Like {@link #prometheus}, NaN when there is no such sample. */
    double value(String name, String... labels) {
        return prometheus(name, labels).orElse(Double.NaN);
    }

    /** Like {@link #sample}, NaN when there is no such sample. */
    static double valueIn(String scrape, String name, String... labels) {
        return sample(scrape, name, labels).orElse(Double.NaN);
    }

    static OptionalDouble sample(String scrape, String name, String... labels) {
        Matcher lines = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)").matcher(scrape);
        while (lines.find()) {
            String found = lines.group(1);
            boolean all = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                all &= found.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                return OptionalDouble.of(Double.parseDouble(lines.group(2)));
            }
        }
        return OptionalDouble.empty();
    }
}
