package dev.legacykafka.spring.support;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.LegacyKafkaRecord;
import dev.legacykafka.spring.LegacyKafkaSendListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Logs failed sends at ERROR: topic, partition, the key's length and the cause, never the value
 * (nor the key itself). So that a dead cluster does not flood the log, at most {@code burst}
 * failures are logged per {@code interval}. How many were left out is logged with the next logged
 * failure, or, once the interval is over, at the first acknowledged record (so a storm that ended
 * is still counted), or when the listener is closed with its application context.
 */
public final class LoggingSendListener implements LegacyKafkaSendListener, AutoCloseable {

    /** Failures logged per interval by default. */
    public static final int DEFAULT_BURST = 10;

    /** Length of an interval by default. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private final Log logger;

    private final int burst;

    private final long intervalNanos;

    private final LongSupplier nanoTime;

    private long intervalStart;

    private int loggedInInterval;

    private long suppressed;

    /** Whether {@link #suppressed} is above zero; read without the lock on every acknowledged record. */
    private volatile boolean anySuppressed;

    /** Logs the first {@value #DEFAULT_BURST} failures of each minute. */
    public LoggingSendListener() {
        this(DEFAULT_BURST, DEFAULT_INTERVAL);
    }

    /**
     * @param burst    failures logged per interval, at least 1
     * @param interval length of an interval, positive
     */
    public LoggingSendListener(int burst, Duration interval) {
        this(burst, interval, System::nanoTime, LogFactory.getLog(LoggingSendListener.class));
    }

    LoggingSendListener(int burst, Duration interval, LongSupplier nanoTime, Log logger) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        this.burst = burst;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.logger = Objects.requireNonNull(logger, "logger");
        this.intervalStart = nanoTime.getAsLong();
    }

    @Override
    public void onError(LegacyKafkaRecord<?, ?> record, Throwable exception) {
        if (!logger.isErrorEnabled()) {
            return;
        }
        long left;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (now - intervalStart >= intervalNanos) {
                intervalStart = now;
                loggedInInterval = 0;
            }
            if (loggedInInterval >= burst) {
                suppressed++;
                anySuppressed = true;
                return;
            }
            loggedInInterval++;
            left = takeSuppressed();
        }
        logSuppressed(left, "");
        logger.error("Failed to send a record to topic " + record.topic() + ", " + describePartition(record.partition())
                + ", key " + describeKey(record.key()) + ": " + exception, exception);
    }

    /** Once the interval with left-out failures is over, says how many there were. */
    @Override
    public void onSuccess(LegacyKafkaRecord<?, ?> record, SendResult result) {
        if (!anySuppressed) {
            return;
        }
        long left;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (now - intervalStart < intervalNanos) {
                return;
            }
            intervalStart = now;
            loggedInInterval = 0;
            left = takeSuppressed();
        }
        logSuppressed(left, "; records are acknowledged again");
    }

    /** Says how many failures were left out and not yet counted in the log. */
    @Override
    public void close() {
        long left;
        synchronized (this) {
            left = takeSuppressed();
        }
        logSuppressed(left, " before the listener was closed");
    }

    private long takeSuppressed() {
        long left = suppressed;
        suppressed = 0;
        anySuppressed = false;
        return left;
    }

    private void logSuppressed(long left, String suffix) {
        if (left > 0 && logger.isErrorEnabled()) {
            logger.error(left + " more failed send(s) were not logged (at most " + burst + " are logged every "
                    + Duration.ofNanos(intervalNanos) + ")" + suffix);
        }
    }

    private static String describePartition(@Nullable Integer partition) {
        return partition == null ? "partition chosen by the partitioner" : "partition " + partition;
    }

    static String describeKey(@Nullable Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof byte[] bytes) {
            return bytes.length + " bytes";
        }
        if (key instanceof CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8).length + " bytes as UTF-8";
        }
        return "of type " + key.getClass().getName();
    }
}
