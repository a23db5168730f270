package dev.legacykafka.client.scripted;

/**
 * The idempotence behaviours that differ between Kafka broker generations.
 *
 * @param duplicateReply       what a retried batch still in the producer's 5-batch cache gets
 * @param unknownProducerReply what a batch with sequence != 0 from a producer the partition has no
 *                             state for gets
 * @param bumpEpochOnInit      whether InitProducerId v3+ carrying the current id and epoch returns
 *                             the same id with the next epoch (KIP-360); when false it returns a new
 *                             id with epoch 0, which is what Kafka does for producers without a
 *                             transactional id
 */
public record BrokerBehaviour(DuplicateReply duplicateReply, UnknownProducerReply unknownProducerReply,
                              boolean bumpEpochOnInit) {

    /** Reply to a duplicate of a cached batch. */
    public enum DuplicateReply {
        /** Success with the original batch's base offset (Kafka 1.0+). */
        ORIGINAL_OFFSET,
        /** DUPLICATE_SEQUENCE_NUMBER (Kafka 0.11). */
        DUPLICATE_SEQUENCE_NUMBER
    }

    /** Reply to sequence != 0 from a producer the partition does not know. */
    public enum UnknownProducerReply {
        /** UNKNOWN_PRODUCER_ID, as Kafka 0.11 to 2.4 answer. */
        UNKNOWN_PRODUCER_ID,
        /** OUT_OF_ORDER_SEQUENCE_NUMBER. */
        OUT_OF_ORDER_SEQUENCE_NUMBER,
        /** Accept the batch: Kafka 2.5+ (KIP-360) takes any sequence when it has no epoch for the producer. */
        ACCEPT
    }

    /** Modern duplicate handling, UNKNOWN_PRODUCER_ID for lost producer state, epoch bumps on InitProducerId. */
    public static BrokerBehaviour defaults() {
        return new BrokerBehaviour(DuplicateReply.ORIGINAL_OFFSET, UnknownProducerReply.UNKNOWN_PRODUCER_ID, true);
    }

    public BrokerBehaviour withDuplicateReply(DuplicateReply reply) {
        return new BrokerBehaviour(reply, unknownProducerReply, bumpEpochOnInit);
    }

    public BrokerBehaviour withUnknownProducerReply(UnknownProducerReply reply) {
        return new BrokerBehaviour(duplicateReply, reply, bumpEpochOnInit);
    }

    public BrokerBehaviour withBumpEpochOnInit(boolean bump) {
        return new BrokerBehaviour(duplicateReply, unknownProducerReply, bump);
    }
}
