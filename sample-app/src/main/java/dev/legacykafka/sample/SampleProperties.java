package dev.legacykafka.sample;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** Settings of the sample itself (prefix {@code sample}). */
@Component
@ConfigurationProperties("sample")
public class SampleProperties {

    /** Topic the REST API and the traffic generator send to when none is given. */
    private String topic = "sample-events";

    /** Whether a background generator sends records continuously, so the meters move. */
    private boolean trafficEnabled;

    /** Pause between two generator rounds. */
    private Duration trafficInterval = Duration.ofMillis(200);

    /** Records per generator round. */
    private int trafficBatch = 50;

    /**
     * A compacted topic the generator sends one keyless record to per round: brokers 2.4+ answer
     * with record_errors (INVALID_RECORD), which shows on the record-errors meter. Empty: off.
     */
    private String compactedTopic = "";

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public boolean isTrafficEnabled() {
        return trafficEnabled;
    }

    public void setTrafficEnabled(boolean trafficEnabled) {
        this.trafficEnabled = trafficEnabled;
    }

    public Duration getTrafficInterval() {
        return trafficInterval;
    }

    public void setTrafficInterval(Duration trafficInterval) {
        this.trafficInterval = trafficInterval;
    }

    public int getTrafficBatch() {
        return trafficBatch;
    }

    public void setTrafficBatch(int trafficBatch) {
        this.trafficBatch = trafficBatch;
    }

    public String getCompactedTopic() {
        return compactedTopic;
    }

    public void setCompactedTopic(String compactedTopic) {
        this.compactedTopic = compactedTopic;
    }
}
