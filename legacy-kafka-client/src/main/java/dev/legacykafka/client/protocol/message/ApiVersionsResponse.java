package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.errors.ProtocolException;
import dev.legacykafka.client.protocol.types.ProtocolReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ApiVersions response (api key 18), v0-v4. Its response header is always v0.
 *
 * <pre>
 * error_code:int16
 * api_keys:[ api_key:int16 min_version:int16 max_version:int16 ]
 * throttle_time_ms:int32                                                  v1+
 * tag 0 SupportedFeatures:[ name:STRING min_version:int16 max_version:int16 ]            v3+
 * tag 1 FinalizedFeaturesEpoch:int64 (default -1)                                        v3+
 * tag 2 FinalizedFeatures:[ name:STRING max_version_level:int16 min_version_level:int16 ] v3+
 * tag 3 ZkMigrationReady:bool                                                            v3+
 * </pre>
 * v3+ is flexible. A broker that does not know the requested version answers UNSUPPORTED_VERSION
 * in the v0 layout; {@link #readWithFallback} reads either.
 *
 * @param errorCode              0, or UNSUPPORTED_VERSION for a version the broker does not know
 * @param apiKeys                the broker's version range per API; with UNSUPPORTED_VERSION (2.4+
 *                               brokers) only ApiVersions' own range
 * @param throttleTimeMs         throttle time (v1+), else 0
 * @param supportedFeatures      features the broker supports (v3+)
 * @param finalizedFeaturesEpoch epoch of the finalized features, -1 when unknown (v3+)
 * @param finalizedFeatures      cluster-wide finalized feature levels, such as
 *                               {@code transaction.version} (v3+)
 * @param zkMigrationReady       set by a KRaft controller ready for ZooKeeper migration (v3+)
 */
public record ApiVersionsResponse(short errorCode, List<ApiVersion> apiKeys, int throttleTimeMs,
        List<SupportedFeature> supportedFeatures, long finalizedFeaturesEpoch, List<FinalizedFeature> finalizedFeatures,
        boolean zkMigrationReady) {

    /** Copies the lists, so the value stays immutable. */
    public ApiVersionsResponse {
        apiKeys = List.copyOf(apiKeys);
        supportedFeatures = List.copyOf(supportedFeatures);
        finalizedFeatures = List.copyOf(finalizedFeatures);
    }

    /**
     * One API's supported version range.
     *
     * @param apiKey     the api_key number (may be one this client does not implement)
     * @param minVersion lowest supported version
     * @param maxVersion highest supported version
     */
    public record ApiVersion(short apiKey, short minVersion, short maxVersion) {
    }

    /**
     * A feature the broker supports.
     *
     * @param name       feature name
     * @param minVersion lowest supported version
     * @param maxVersion highest supported version
     */
    public record SupportedFeature(String name, short minVersion, short maxVersion) {
    }

    /**
     * A cluster-wide finalized feature level.
     *
     * @param name            feature name, such as {@code transaction.version}
     * @param maxVersionLevel finalized max level
     * @param minVersionLevel finalized min level
     */
    public record FinalizedFeature(String name, short maxVersionLevel, short minVersionLevel) {
    }

    /** The error code as an {@link ErrorCode}. */
    public ErrorCode error() {
        return ErrorCode.forCode(errorCode);
    }

    /** The broker's version range for {@code api}, if it lists it. */
    public Optional<ApiVersion> versionsOf(ApiKey api) {
        for (ApiVersion version : apiKeys) {
            if (version.apiKey() == api.id()) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    /** The finalized level of feature {@code name}, if the cluster has one. */
    public Optional<FinalizedFeature> finalizedFeature(String name) {
        return finalizedFeatures.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * After an UNSUPPORTED_VERSION reply: the ApiVersions version to retry with — the broker's
     * maximum for ApiVersions when it says (2.4+), else 0.
     */
    public short retryVersion() {
        return versionsOf(ApiKey.API_VERSIONS).map(ApiVersion::maxVersion).orElse((short) 0);
    }

    /**
     * Reads a response body that may be in the v0 layout although {@code version} was requested: a
     * broker answers a version it does not know with UNSUPPORTED_VERSION in the v0 layout. The v0
     * reading is kept only when it covers every remaining byte and carries that error; otherwise
     * the body is read at {@code version}. {@code in} must hold exactly the body.
     *
     * @param in      positioned after the (v0) response header
     * @param version the version of the request this answers
     */
    public static ApiVersionsResponse readWithFallback(ProtocolReader in, short version) {
        ApiKey.API_VERSIONS.requireSupported(version);
        if (version > 0) {
            ProtocolReader v0 = in.fork();
            try {
                ApiVersionsResponse response = read(v0, (short) 0);
                v0.ensureFullyRead("ApiVersionsResponse v0");
                if (response.errorCode == ErrorCode.UNSUPPORTED_VERSION.code()) {
                    in.skip(in.remaining(), "ApiVersionsResponse");
                    return response;
                }
            } catch (ProtocolException notV0) {
                // Not a v0 body: it is the requested version, read below.
            }
        }
        return read(in, version);
    }

    /**
     * Reads an ApiVersions response body at {@code version}.
     *
     * @param in      positioned after the (v0) response header
     * @param version the version of the request this answers
     */
    public static ApiVersionsResponse read(ProtocolReader in, short version) {
        ApiKey.API_VERSIONS.requireSupported(version);
        boolean flexible = ApiKey.API_VERSIONS.isFlexible(version);
        short errorCode = in.readInt16("ApiVersionsResponse error_code");
        int count = Fields.readArrayLength(in, "ApiVersionsResponse api_keys", flexible);
        List<ApiVersion> apiKeys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            short apiKey = in.readInt16("ApiVersionsResponse api_key");
            short min = in.readInt16("ApiVersionsResponse min_version");
            short max = in.readInt16("ApiVersionsResponse max_version");
            Fields.skipTags(in, "ApiVersionsResponse api_keys", flexible);
            apiKeys.add(new ApiVersion(apiKey, min, max));
        }
        int throttleTimeMs = version >= 1 ? in.readInt32("ApiVersionsResponse throttle_time_ms") : 0; // v1+
        List<SupportedFeature> supported = new ArrayList<>();
        List<FinalizedFeature> finalized = new ArrayList<>();
        long[] finalizedEpoch = {-1L};
        boolean[] zkMigrationReady = {false};
        if (flexible) { // v3+
            in.readTaggedFields("ApiVersionsResponse", (tag, field) -> {
                switch (tag) {
                    case 0 -> readSupportedFeatures(field, supported);
                    case 1 -> finalizedEpoch[0] = field.readInt64("ApiVersionsResponse FinalizedFeaturesEpoch");
                    case 2 -> readFinalizedFeatures(field, finalized);
                    case 3 -> zkMigrationReady[0] = field.readBoolean("ApiVersionsResponse ZkMigrationReady");
                    default -> {
                        return false;
                    }
                }
                return true;
            });
        }
        return new ApiVersionsResponse(errorCode, apiKeys, throttleTimeMs, supported, finalizedEpoch[0], finalized,
                zkMigrationReady[0]);
    }

    private static void readSupportedFeatures(ProtocolReader in, List<SupportedFeature> into) {
        int count = in.readCompactArrayLength("ApiVersionsResponse SupportedFeatures");
        for (int i = 0; i < count; i++) {
            String name = in.readCompactString("ApiVersionsResponse SupportedFeatures name");
            short min = in.readInt16("ApiVersionsResponse SupportedFeatures min_version");
            short max = in.readInt16("ApiVersionsResponse SupportedFeatures max_version");
            in.skipTaggedFields("ApiVersionsResponse SupportedFeatures");
            into.add(new SupportedFeature(name, min, max));
        }
    }

    private static void readFinalizedFeatures(ProtocolReader in, List<FinalizedFeature> into) {
        int count = in.readCompactArrayLength("ApiVersionsResponse FinalizedFeatures");
        for (int i = 0; i < count; i++) {
            String name = in.readCompactString("ApiVersionsResponse FinalizedFeatures name");
            short maxLevel = in.readInt16("ApiVersionsResponse FinalizedFeatures max_version_level");
            short minLevel = in.readInt16("ApiVersionsResponse FinalizedFeatures min_version_level");
            in.skipTaggedFields("ApiVersionsResponse FinalizedFeatures");
            into.add(new FinalizedFeature(name, maxLevel, minLevel));
        }
    }
}
