package dev.legacykafka.client.scripted;

import org.apache.kafka.common.protocol.Errors;

/**
 * A partition batch the scripted broker received, with what became of it: tests assert on the
 * list of these ({@link ScriptedBroker#produceRequests()}).
 *
 * @param event      what was received
 * @param error      the error code answered for the partition (NONE when appended or a duplicate);
 *                   NONE also when the request was dropped or its connection closed before processing
 * @param baseOffset offset of the first record when appended (or of the original when a duplicate), else -1
 * @param outcome    a short description: APPENDED, DUPLICATE, REJECTED, NOT_PROCESSED, plus the fault applied if any
 * @param answeredAtMs when the response was due to be sent (epoch millis); Long.MAX_VALUE when it never was
 */
public record ReceivedProduce(ProduceEvent event, Errors error, long baseOffset, String outcome, long answeredAtMs) {

    /** Whether the batch's records were written to the log by this request. */
    public boolean appended() {
        return outcome.startsWith("APPENDED");
    }

    @Override
    public String toString() {
        return event + " -> " + outcome + (error == Errors.NONE ? "" : " " + error.name())
                + (baseOffset >= 0 ? " @" + baseOffset : "");
    }
}
