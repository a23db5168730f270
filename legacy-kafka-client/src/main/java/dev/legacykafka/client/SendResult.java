package dev.legacykafka.client;

/**
 * What the broker said about one acknowledged record.
 *
 * @param topic           topic the record was written to
 * @param partition       partition the record was written to
 * @param offset          the record's own offset (not the next offset, as lua-resty-kafka reports);
 *                        -1 with acks=0, where the broker does not answer
 * @param logAppendTime   the broker's append time in epoch millis when the topic uses
 *                        LogAppendTime, else -1 (Produce v2+)
 * @param logStartOffset  the partition's log start offset (Produce v5+), else -1
 * @param throttleTimeMs  the throttle time the broker returned with this response (Produce v1+), else 0
 * @param produceVersion  the ProduceRequest version the record was sent with
 */
public record SendResult(String topic, int partition, long offset, long logAppendTime, long logStartOffset,
                         int throttleTimeMs, int produceVersion) {
}
