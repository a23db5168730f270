package dev.legacykafka.test.artifacts;

import java.util.Collection;
import java.util.Optional;

/** Helpers for {@code groupId:artifactId:version} strings. */
final class Coordinates {

    private Coordinates() {
    }

    /** The version of the first artifact with the given {@code groupId:artifactId}. */
    static Optional<String> versionOf(Collection<String> coordinates, String groupAndArtifact) {
        return coordinates.stream()
                .filter(c -> groupAndArtifact(c).equals(groupAndArtifact))
                .map(c -> c.substring(c.lastIndexOf(':') + 1))
                .findFirst();
    }

    /** {@code groupId:artifactId} of {@code groupId:artifactId[:...]:version}. */
    static String groupAndArtifact(String coordinates) {
        String[] parts = coordinates.split(":");
        return parts[0] + ":" + parts[1];
    }

    /** Compares dotted numeric versions, ignoring qualifiers ({@code 3.5.9 > 3.4.14}). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? leadingNumber(x[i]) : 0;
            int yi = i < y.length ? leadingNumber(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    private static int leadingNumber(String part) {
        int end = 0;
        while (end < part.length() && Character.isDigit(part.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(part.substring(0, end));
    }
}
