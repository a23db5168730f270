package dev.legacykafka.test.reader;

import java.util.List;
import java.util.Map;

/**
 * A record as an independent reader saw it in the broker's log.
 *
 * @param partition partition
 * @param offset    offset in the partition
 * @param key       key as UTF-8 text, null for a null key
 * @param value     value as UTF-8 text, null for a null value
 * @param timestamp timestamp in epoch millis, -1 when the record has none (MessageSet magic 0)
 * @param headers   headers in order, as key and UTF-8 value
 */
public record ConsumedRecord(int partition, long offset, String key, String value, long timestamp,
                             List<Map.Entry<String, String>> headers) {
}
