package dev.legacykafka.test.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which broker ids hold a registration ({@code /brokers/ids/N}, an ephemeral node) in a
 * ZooKeeper, read with the four-letter word {@code dump}, which lists every session's ephemeral
 * nodes. A killed broker's registration lives until its session expires; a broker started with the
 * same id before that fails to register and exits.
 */
final class ZooKeeperRegistrations {

    private static final Pattern BROKER_NODE = Pattern.compile("^\\s*(?:/[^\\s]*)?/brokers/ids/(\\d+)\\s*$",
            Pattern.MULTILINE);
    private static final int TIMEOUT_MILLIS = 2_000;

    private final String host;
    private final int port;

    ZooKeeperRegistrations(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * The broker ids registered now.
     *
     * @throws IOException if ZooKeeper cannot be asked
     */
    Set<Integer> registeredIds() throws IOException {
        return parseDump(ask("dump"));
    }

    /**
     * Waits until the broker id holds no registration.
     *
     * @return null once it holds none, else (after the timeout) why waiting failed
     */
    String awaitUnregistered(int brokerId, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        String last = "no answer";
        while (true) {
            try {
                Set<Integer> ids = registeredIds();
                if (!ids.contains(brokerId)) {
                    return null;
                }
                last = "still registered: " + ids;
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                return last;
            }
            ZooKeeperServer.sleep(100);
        }
    }

    /** The broker ids among the ephemeral nodes of a {@code dump} answer. */
    static Set<Integer> parseDump(String dump) {
        int ephemerals = dump.indexOf("ephemeral nodes dump");
        String section = ephemerals < 0 ? dump : dump.substring(ephemerals);
        Set<Integer> ids = new TreeSet<>();
        Matcher m = BROKER_NODE.matcher(section);
        while (m.find()) {
            ids.add(Integer.parseInt(m.group(1)));
        }
        return ids;
    }

    private String ask(String word) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (answer.contains("is not executed because it is not in the whitelist")) {
                throw new IOException("ZooKeeper refuses '" + word + "': " + answer.strip());
            }
            if (!answer.contains("ephemeral nodes dump") && !answer.contains("Sessions with Ephemerals")) {
                throw new IOException("Unexpected answer to '" + word + "': " + answer.strip());
            }
            return answer;
        }
    }
}
