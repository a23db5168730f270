package dev.legacykafka.client.scripted;

/**
 * One partition's batch inside a Produce request, as the scripted broker received it; what fault
 * rules match on.
 *
 * @param requestNumber          1-based number of the Produce request among all the cluster received
 * @param partitionRequestNumber 1-based number of batches received so far for this partition
 * @param nodeId                 the node the request came to
 * @param version                the Produce request version
 * @param topic                  topic name
 * @param partition              partition index
 * @param producerId             the batch's producer id, -1 without one
 * @param producerEpoch          the batch's producer epoch, -1 without one
 * @param baseSequence           the batch's first sequence, -1 without one
 * @param lastSequence           the batch's last sequence, -1 without one
 * @param recordCount            records in the batch
 * @param sizeInBytes            the batch's encoded size
 * @param readAtMs               when the request was read from the socket (epoch millis)
 */
public record ProduceEvent(int requestNumber, int partitionRequestNumber, int nodeId, short version, String topic,
                           int partition, long producerId, short producerEpoch, int baseSequence, int lastSequence,
                           int recordCount, int sizeInBytes, long readAtMs) {

    @Override
    public String toString() {
        return "Produce#" + requestNumber + " v" + version + " node " + nodeId + " " + topic + "-" + partition
                + " (#" + partitionRequestNumber + " for it) pid " + producerId + " epoch " + producerEpoch
                + " seq " + baseSequence + ".." + lastSequence + " (" + recordCount + " records, " + sizeInBytes + " bytes)";
    }
}
