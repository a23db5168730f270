package dev.legacykafka.client.protocol;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Kafka error code with what a producer needs to act on it: its name, whether retrying the same
 * request may succeed, and whether the error means this client's view of the cluster (leaders,
 * partitions, topic ids) is stale and metadata should be refreshed before that retry.
 *
 * <p>Every code Kafka defines up to 4.4 is a constant here; the flags mirror kafka-clients (an error
 * is retriable when its exception extends {@code RetriableException}, needs a metadata refresh when
 * it extends {@code InvalidMetadataException}). A code this client does not know — a broker newer
 * than the table — is not lost: {@link #forCode} returns a non-retriable entry that keeps the
 * number, so it can still be logged and reported.
 */
public final class ErrorCode {

    private static final int RETRIABLE = 1;
    private static final int INVALID_METADATA = 2;

    // Declared before the constants: static initialisers run in textual order and define() fills it.
    private static final Map<Short, ErrorCode> BY_CODE = new LinkedHashMap<>();

    /** Code -1, not retriable. */
    public static final ErrorCode UNKNOWN_SERVER_ERROR = define(-1, "UNKNOWN_SERVER_ERROR", 0,
            "The server experienced an unexpected error when processing the request.");
    /** Code 0, not retriable. */
    public static final ErrorCode NONE = define(0, "NONE", 0,
            "No error.");
    /** Code 1, not retriable. */
    public static final ErrorCode OFFSET_OUT_OF_RANGE = define(1, "OFFSET_OUT_OF_RANGE", 0,
            "The requested offset is not within the range of offsets maintained by the server.");
    /** Code 2, retriable. */
    public static final ErrorCode CORRUPT_MESSAGE = define(2, "CORRUPT_MESSAGE", RETRIABLE,
            "This message has failed its CRC checksum, exceeds the valid size, has a null key for a compacted topic, or is otherwise corrupt.");
    /** Code 3, retriable, refresh metadata. */
    public static final ErrorCode UNKNOWN_TOPIC_OR_PARTITION = define(3, "UNKNOWN_TOPIC_OR_PARTITION", RETRIABLE | INVALID_METADATA,
            "This server does not host this topic-partition.");
    /** Code 4, not retriable. */
    public static final ErrorCode INVALID_FETCH_SIZE = define(4, "INVALID_FETCH_SIZE", 0,
            "The requested fetch size is invalid.");
    /** Code 5, retriable, refresh metadata. */
    public static final ErrorCode LEADER_NOT_AVAILABLE = define(5, "LEADER_NOT_AVAILABLE", RETRIABLE | INVALID_METADATA,
            "There is no leader for this topic-partition as we are in the middle of a leadership election.");
    /** Code 6, retriable, refresh metadata. */
    public static final ErrorCode NOT_LEADER_OR_FOLLOWER = define(6, "NOT_LEADER_OR_FOLLOWER", RETRIABLE | INVALID_METADATA,
            "For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition.");
    /** Code 7, retriable. */
    public static final ErrorCode REQUEST_TIMED_OUT = define(7, "REQUEST_TIMED_OUT", RETRIABLE,
            "The request timed out.");
    /** Code 8, not retriable. */
    public static final ErrorCode BROKER_NOT_AVAILABLE = define(8, "BROKER_NOT_AVAILABLE", 0,
            "The broker is not available.");
    /** Code 9, retriable, refresh metadata. */
    public static final ErrorCode REPLICA_NOT_AVAILABLE = define(9, "REPLICA_NOT_AVAILABLE", RETRIABLE | INVALID_METADATA,
            "The replica is not available for the requested topic-partition. Produce/Fetch requests and other requests intended only for the leader or follower return NOT_LEADER_OR_FOLLOWER if the broker is not a replica of the topic-partition.");
    /** Code 10, not retriable. */
    public static final ErrorCode MESSAGE_TOO_LARGE = define(10, "MESSAGE_TOO_LARGE", 0,
            "The request included a message larger than the max message size the server will accept.");
    /** Code 11, not retriable. */
    public static final ErrorCode STALE_CONTROLLER_EPOCH = define(11, "STALE_CONTROLLER_EPOCH", 0,
            "The controller moved to another broker.");
    /** Code 12, not retriable. */
    public static final ErrorCode OFFSET_METADATA_TOO_LARGE = define(12, "OFFSET_METADATA_TOO_LARGE", 0,
            "The metadata field of the offset request was too large.");
    /** Code 13, retriable, refresh metadata. */
    public static final ErrorCode NETWORK_EXCEPTION = define(13, "NETWORK_EXCEPTION", RETRIABLE | INVALID_METADATA,
            "The server disconnected before a response was received.");
    /** Code 14, retriable. */
    public static final ErrorCode COORDINATOR_LOAD_IN_PROGRESS = define(14, "COORDINATOR_LOAD_IN_PROGRESS", RETRIABLE,
            "The coordinator is loading and hence can't process requests.");
    /** Code 15, retriable. */
    public static final ErrorCode COORDINATOR_NOT_AVAILABLE = define(15, "COORDINATOR_NOT_AVAILABLE", RETRIABLE,
            "The coordinator is not available.");
    /** Code 16, retriable. */
    public static final ErrorCode NOT_COORDINATOR = define(16, "NOT_COORDINATOR", RETRIABLE,
            "This is not the correct coordinator.");
    /** Code 17, not retriable. */
    public static final ErrorCode INVALID_TOPIC_EXCEPTION = define(17, "INVALID_TOPIC_EXCEPTION", 0,
            "The request attempted to perform an operation on an invalid topic.");
    /** Code 18, not retriable. */
    public static final ErrorCode RECORD_LIST_TOO_LARGE = define(18, "RECORD_LIST_TOO_LARGE", 0,
            "The request included message batch larger than the configured segment size on the server.");
    /** Code 19, retriable. */
    public static final ErrorCode NOT_ENOUGH_REPLICAS = define(19, "NOT_ENOUGH_REPLICAS", RETRIABLE,
            "Messages are rejected since there are fewer in-sync replicas than required.");
    /** Code 20, retriable. */
    public static final ErrorCode NOT_ENOUGH_REPLICAS_AFTER_APPEND = define(20, "NOT_ENOUGH_REPLICAS_AFTER_APPEND", RETRIABLE,
            "Messages are written to the log, but to fewer in-sync replicas than required.");
    /** Code 21, not retriable. */
    public static final ErrorCode INVALID_REQUIRED_ACKS = define(21, "INVALID_REQUIRED_ACKS", 0,
            "Produce request specified an invalid value for required acks.");
    /** Code 22, not retriable. */
    public static final ErrorCode ILLEGAL_GENERATION = define(22, "ILLEGAL_GENERATION", 0,
            "Specified group generation id is not valid.");
    /** Code 23, not retriable. */
    public static final ErrorCode INCONSISTENT_GROUP_PROTOCOL = define(23, "INCONSISTENT_GROUP_PROTOCOL", 0,
            "The group member's supported protocols are incompatible with those of existing members or first group member tried to join with empty protocol type or empty protocol list.");
    /** Code 24, not retriable. */
    public static final ErrorCode INVALID_GROUP_ID = define(24, "INVALID_GROUP_ID", 0,
            "The group id is invalid.");
    /** Code 25, not retriable. */
    public static final ErrorCode UNKNOWN_MEMBER_ID = define(25, "UNKNOWN_MEMBER_ID", 0,
            "The coordinator is not aware of this member.");
    /** Code 26, not retriable. */
    public static final ErrorCode INVALID_SESSION_TIMEOUT = define(26, "INVALID_SESSION_TIMEOUT", 0,
            "The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms).");
    /** Code 27, not retriable. */
    public static final ErrorCode REBALANCE_IN_PROGRESS = define(27, "REBALANCE_IN_PROGRESS", 0,
            "The group is rebalancing, so a rejoin is needed.");
    /** Code 28, not retriable. */
    public static final ErrorCode INVALID_COMMIT_OFFSET_SIZE = define(28, "INVALID_COMMIT_OFFSET_SIZE", 0,
            "The committing offset data size is not valid.");
    /** Code 29, not retriable. */
    public static final ErrorCode TOPIC_AUTHORIZATION_FAILED = define(29, "TOPIC_AUTHORIZATION_FAILED", 0,
            "Topic authorization failed.");
    /** Code 30, not retriable. */
    public static final ErrorCode GROUP_AUTHORIZATION_FAILED = define(30, "GROUP_AUTHORIZATION_FAILED", 0,
            "Group authorization failed.");
    /** Code 31, not retriable. */
    public static final ErrorCode CLUSTER_AUTHORIZATION_FAILED = define(31, "CLUSTER_AUTHORIZATION_FAILED", 0,
            "Cluster authorization failed.");
    /** Code 32, not retriable. */
    public static final ErrorCode INVALID_TIMESTAMP = define(32, "INVALID_TIMESTAMP", 0,
            "The timestamp of the message is out of acceptable range.");
    /** Code 33, not retriable. */
    public static final ErrorCode UNSUPPORTED_SASL_MECHANISM = define(33, "UNSUPPORTED_SASL_MECHANISM", 0,
            "The broker does not support the requested SASL mechanism.");
    /** Code 34, not retriable. */
    public static final ErrorCode ILLEGAL_SASL_STATE = define(34, "ILLEGAL_SASL_STATE", 0,
            "Request is not valid given the current SASL state.");
    /** Code 35, not retriable. */
    public static final ErrorCode UNSUPPORTED_VERSION = define(35, "UNSUPPORTED_VERSION", 0,
            "The version of API is not supported.");
    /** Code 36, not retriable. */
    public static final ErrorCode TOPIC_ALREADY_EXISTS = define(36, "TOPIC_ALREADY_EXISTS", 0,
            "Topic with this name already exists.");
    /** Code 37, not retriable. */
    public static final ErrorCode INVALID_PARTITIONS = define(37, "INVALID_PARTITIONS", 0,
            "Number of partitions is below 1.");
    /** Code 38, not retriable. */
    public static final ErrorCode INVALID_REPLICATION_FACTOR = define(38, "INVALID_REPLICATION_FACTOR", 0,
            "Replication factor is below 1 or larger than the number of available brokers.");
    /** Code 39, not retriable. */
    public static final ErrorCode INVALID_REPLICA_ASSIGNMENT = define(39, "INVALID_REPLICA_ASSIGNMENT", 0,
            "Replica assignment is invalid.");
    /** Code 40, not retriable. */
    public static final ErrorCode INVALID_CONFIG = define(40, "INVALID_CONFIG", 0,
            "Configuration is invalid.");
    /** Code 41, retriable. */
    public static final ErrorCode NOT_CONTROLLER = define(41, "NOT_CONTROLLER", RETRIABLE,
            "This is not the correct controller for this cluster.");
    /** Code 42, not retriable. */
    public static final ErrorCode INVALID_REQUEST = define(42, "INVALID_REQUEST", 0,
            "This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker. See the broker logs for more details.");
    /** Code 43, not retriable. */
    public static final ErrorCode UNSUPPORTED_FOR_MESSAGE_FORMAT = define(43, "UNSUPPORTED_FOR_MESSAGE_FORMAT", 0,
            "The message format version on the broker does not support the request.");
    /** Code 44, not retriable. */
    public static final ErrorCode POLICY_VIOLATION = define(44, "POLICY_VIOLATION", 0,
            "Request parameters do not satisfy the configured policy.");
    /** Code 45, not retriable. */
    public static final ErrorCode OUT_OF_ORDER_SEQUENCE_NUMBER = define(45, "OUT_OF_ORDER_SEQUENCE_NUMBER", 0,
            "The broker received an out of order sequence number.");
    /** Code 46, not retriable. */
    public static final ErrorCode DUPLICATE_SEQUENCE_NUMBER = define(46, "DUPLICATE_SEQUENCE_NUMBER", 0,
            "The broker received a duplicate sequence number.");
    /** Code 47, not retriable. */
    public static final ErrorCode INVALID_PRODUCER_EPOCH = define(47, "INVALID_PRODUCER_EPOCH", 0,
            "Producer attempted to produce with an old epoch.");
    /** Code 48, not retriable. */
    public static final ErrorCode INVALID_TXN_STATE = define(48, "INVALID_TXN_STATE", 0,
            "The producer attempted a transactional operation in an invalid state.");
    /** Code 49, not retriable. */
    public static final ErrorCode INVALID_PRODUCER_ID_MAPPING = define(49, "INVALID_PRODUCER_ID_MAPPING", 0,
            "The producer attempted to use a producer id which is not currently assigned to its transactional id.");
    /** Code 50, not retriable. */
    public static final ErrorCode INVALID_TRANSACTION_TIMEOUT = define(50, "INVALID_TRANSACTION_TIMEOUT", 0,
            "The transaction timeout is larger than the maximum value allowed by the broker (as configured by transaction.max.timeout.ms).");
    /** Code 51, retriable. */
    public static final ErrorCode CONCURRENT_TRANSACTIONS = define(51, "CONCURRENT_TRANSACTIONS", RETRIABLE,
            "The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing.");
    /** Code 52, not retriable. */
    public static final ErrorCode TRANSACTION_COORDINATOR_FENCED = define(52, "TRANSACTION_COORDINATOR_FENCED", 0,
            "Indicates that the transaction coordinator sending a WriteTxnMarker is no longer the current coordinator for a given producer.");
    /** Code 53, not retriable. */
    public static final ErrorCode TRANSACTIONAL_ID_AUTHORIZATION_FAILED = define(53, "TRANSACTIONAL_ID_AUTHORIZATION_FAILED", 0,
            "Transactional Id authorization failed.");
    /** Code 54, not retriable. */
    public static final ErrorCode SECURITY_DISABLED = define(54, "SECURITY_DISABLED", 0,
            "Security features are disabled.");
    /** Code 55, not retriable. */
    public static final ErrorCode OPERATION_NOT_ATTEMPTED = define(55, "OPERATION_NOT_ATTEMPTED", 0,
            "The broker did not attempt to execute this operation. This may happen for batched RPCs where some operations in the batch failed, causing the broker to respond without trying the rest.");
    /** Code 56, retriable, refresh metadata. */
    public static final ErrorCode KAFKA_STORAGE_ERROR = define(56, "KAFKA_STORAGE_ERROR", RETRIABLE | INVALID_METADATA,
            "Disk error when trying to access log file on the disk.");
    /** Code 57, not retriable. */
    public static final ErrorCode LOG_DIR_NOT_FOUND = define(57, "LOG_DIR_NOT_FOUND", 0,
            "The user-specified log directory is not found in the broker config.");
    /** Code 58, not retriable. */
    public static final ErrorCode SASL_AUTHENTICATION_FAILED = define(58, "SASL_AUTHENTICATION_FAILED", 0,
            "SASL Authentication failed.");
    /** Code 59, not retriable. */
    public static final ErrorCode UNKNOWN_PRODUCER_ID = define(59, "UNKNOWN_PRODUCER_ID", 0,
            "This exception is raised by the broker if it could not locate the producer metadata associated with the producerId in question. This could happen if, for instance, the producer's records were deleted because their retention time had elapsed. Once the last records of the producerId are removed, the producer's metadata is removed from the broker, and future appends by the producer will return this exception.");
    /** Code 60, not retriable. */
    public static final ErrorCode REASSIGNMENT_IN_PROGRESS = define(60, "REASSIGNMENT_IN_PROGRESS", 0,
            "A partition reassignment is in progress.");
    /** Code 61, not retriable. */
    public static final ErrorCode DELEGATION_TOKEN_AUTH_DISABLED = define(61, "DELEGATION_TOKEN_AUTH_DISABLED", 0,
            "Delegation Token feature is not enabled.");
    /** Code 62, not retriable. */
    public static final ErrorCode DELEGATION_TOKEN_NOT_FOUND = define(62, "DELEGATION_TOKEN_NOT_FOUND", 0,
            "Delegation Token is not found on server.");
    /** Code 63, not retriable. */
    public static final ErrorCode DELEGATION_TOKEN_OWNER_MISMATCH = define(63, "DELEGATION_TOKEN_OWNER_MISMATCH", 0,
            "Specified Principal is not valid Owner/Renewer.");
    /** Code 64, not retriable. */
    public static final ErrorCode DELEGATION_TOKEN_REQUEST_NOT_ALLOWED = define(64, "DELEGATION_TOKEN_REQUEST_NOT_ALLOWED", 0,
            "Delegation Token requests are not allowed on PLAINTEXT/1-way SSL channels and on delegation token authenticated channels.");
    /** Code 65, not retriable. */
    public static final ErrorCode DELEGATION_TOKEN_AUTHORIZATION_FAILED = define(65, "DELEGATION_TOKEN_AUTHORIZATION_FAILED", 0,
            "Delegation Token authorization failed.");
    /** Code 66, not retriable. */
    public static final ErrorCode DELEGATION_TOKEN_EXPIRED = define(66, "DELEGATION_TOKEN_EXPIRED", 0,
            "Delegation Token is expired.");
    /** Code 67, not retriable. */
    public static final ErrorCode INVALID_PRINCIPAL_TYPE = define(67, "INVALID_PRINCIPAL_TYPE", 0,
            "Supplied principalType is not supported.");
    /** Code 68, not retriable. */
    public static final ErrorCode NON_EMPTY_GROUP = define(68, "NON_EMPTY_GROUP", 0,
            "The group is not empty.");
    /** Code 69, not retriable. */
    public static final ErrorCode GROUP_ID_NOT_FOUND = define(69, "GROUP_ID_NOT_FOUND", 0,
            "The group id does not exist.");
    /** Code 70, retriable. */
    public static final ErrorCode FETCH_SESSION_ID_NOT_FOUND = define(70, "FETCH_SESSION_ID_NOT_FOUND", RETRIABLE,
            "The fetch session ID was not found.");
    /** Code 71, retriable. */
    public static final ErrorCode INVALID_FETCH_SESSION_EPOCH = define(71, "INVALID_FETCH_SESSION_EPOCH", RETRIABLE,
            "The fetch session epoch is invalid.");
    /** Code 72, retriable, refresh metadata. */
    public static final ErrorCode LISTENER_NOT_FOUND = define(72, "LISTENER_NOT_FOUND", RETRIABLE | INVALID_METADATA,
            "There is no listener on the leader broker that matches the listener on which metadata request was processed.");
    /** Code 73, not retriable. */
    public static final ErrorCode TOPIC_DELETION_DISABLED = define(73, "TOPIC_DELETION_DISABLED", 0,
            "Topic deletion is disabled.");
    /** Code 74, retriable, refresh metadata. */
    public static final ErrorCode FENCED_LEADER_EPOCH = define(74, "FENCED_LEADER_EPOCH", RETRIABLE | INVALID_METADATA,
            "The leader epoch in the request is older than the epoch on the broker.");
    /** Code 75, retriable. */
    public static final ErrorCode UNKNOWN_LEADER_EPOCH = define(75, "UNKNOWN_LEADER_EPOCH", RETRIABLE,
            "The leader epoch in the request is newer than the epoch on the broker.");
    /** Code 76, not retriable. */
    public static final ErrorCode UNSUPPORTED_COMPRESSION_TYPE = define(76, "UNSUPPORTED_COMPRESSION_TYPE", 0,
            "The requesting client does not support the compression type of given partition.");
    /** Code 77, not retriable. */
    public static final ErrorCode STALE_BROKER_EPOCH = define(77, "STALE_BROKER_EPOCH", 0,
            "Broker epoch has changed.");
    /** Code 78, retriable. */
    public static final ErrorCode OFFSET_NOT_AVAILABLE = define(78, "OFFSET_NOT_AVAILABLE", RETRIABLE,
            "The leader high watermark has not caught up from a recent leader election so the offsets cannot be guaranteed to be monotonically increasing.");
    /** Code 79, not retriable. */
    public static final ErrorCode MEMBER_ID_REQUIRED = define(79, "MEMBER_ID_REQUIRED", 0,
            "The group member needs to have a valid member id before actually entering a consumer group.");
    /** Code 80, retriable, refresh metadata. */
    public static final ErrorCode PREFERRED_LEADER_NOT_AVAILABLE = define(80, "PREFERRED_LEADER_NOT_AVAILABLE", RETRIABLE | INVALID_METADATA,
            "The preferred leader was not available.");
    /** Code 81, not retriable. */
    public static final ErrorCode GROUP_MAX_SIZE_REACHED = define(81, "GROUP_MAX_SIZE_REACHED", 0,
            "The group has reached its maximum size.");
    /** Code 82, not retriable. */
    public static final ErrorCode FENCED_INSTANCE_ID = define(82, "FENCED_INSTANCE_ID", 0,
            "The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id.");
    /** Code 83, retriable, refresh metadata. */
    public static final ErrorCode ELIGIBLE_LEADERS_NOT_AVAILABLE = define(83, "ELIGIBLE_LEADERS_NOT_AVAILABLE", RETRIABLE | INVALID_METADATA,
            "Eligible topic partition leaders are not available.");
    /** Code 84, retriable, refresh metadata. */
    public static final ErrorCode ELECTION_NOT_NEEDED = define(84, "ELECTION_NOT_NEEDED", RETRIABLE | INVALID_METADATA,
            "Leader election not needed for topic partition.");
    /** Code 85, not retriable. */
    public static final ErrorCode NO_REASSIGNMENT_IN_PROGRESS = define(85, "NO_REASSIGNMENT_IN_PROGRESS", 0,
            "No partition reassignment is in progress.");
    /** Code 86, not retriable. */
    public static final ErrorCode GROUP_SUBSCRIBED_TO_TOPIC = define(86, "GROUP_SUBSCRIBED_TO_TOPIC", 0,
            "Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.");
    /** Code 87, not retriable. */
    public static final ErrorCode INVALID_RECORD = define(87, "INVALID_RECORD", 0,
            "This record has failed the validation on broker and hence will be rejected.");
    /** Code 88, retriable. */
    public static final ErrorCode UNSTABLE_OFFSET_COMMIT = define(88, "UNSTABLE_OFFSET_COMMIT", RETRIABLE,
            "There are unstable offsets that need to be cleared.");
    /** Code 89, retriable. */
    public static final ErrorCode THROTTLING_QUOTA_EXCEEDED = define(89, "THROTTLING_QUOTA_EXCEEDED", RETRIABLE,
            "The throttling quota has been exceeded.");
    /** Code 90, not retriable. */
    public static final ErrorCode PRODUCER_FENCED = define(90, "PRODUCER_FENCED", 0,
            "There is a newer producer with the same transactionalId which fences the current one.");
    /** Code 91, not retriable. */
    public static final ErrorCode RESOURCE_NOT_FOUND = define(91, "RESOURCE_NOT_FOUND", 0,
            "A request illegally referred to a resource that does not exist.");
    /** Code 92, not retriable. */
    public static final ErrorCode DUPLICATE_RESOURCE = define(92, "DUPLICATE_RESOURCE", 0,
            "A request illegally referred to the same resource twice.");
    /** Code 93, not retriable. */
    public static final ErrorCode UNACCEPTABLE_CREDENTIAL = define(93, "UNACCEPTABLE_CREDENTIAL", 0,
            "Requested credential would not meet criteria for acceptability.");
    /** Code 94, not retriable. */
    public static final ErrorCode INCONSISTENT_VOTER_SET = define(94, "INCONSISTENT_VOTER_SET", 0,
            "Indicates that the either the sender or recipient of a voter-only request is not one of the expected voters.");
    /** Code 95, not retriable. */
    public static final ErrorCode INVALID_UPDATE_VERSION = define(95, "INVALID_UPDATE_VERSION", 0,
            "The given update version was invalid.");
    /** Code 96, not retriable. */
    public static final ErrorCode FEATURE_UPDATE_FAILED = define(96, "FEATURE_UPDATE_FAILED", 0,
            "Unable to update finalized features due to an unexpected server error.");
    /** Code 97, not retriable. */
    public static final ErrorCode PRINCIPAL_DESERIALIZATION_FAILURE = define(97, "PRINCIPAL_DESERIALIZATION_FAILURE", 0,
            "Request principal deserialization failed during forwarding. This indicates an internal error on the broker cluster security setup.");
    /** Code 98, not retriable. */
    public static final ErrorCode SNAPSHOT_NOT_FOUND = define(98, "SNAPSHOT_NOT_FOUND", 0,
            "Requested snapshot was not found.");
    /** Code 99, not retriable. */
    public static final ErrorCode POSITION_OUT_OF_RANGE = define(99, "POSITION_OUT_OF_RANGE", 0,
            "Requested position is not greater than or equal to zero, and less than the size of the snapshot.");
    /** Code 100, retriable, refresh metadata. */
    public static final ErrorCode UNKNOWN_TOPIC_ID = define(100, "UNKNOWN_TOPIC_ID", RETRIABLE | INVALID_METADATA,
            "This server does not host this topic ID.");
    /** Code 101, not retriable. */
    public static final ErrorCode DUPLICATE_BROKER_REGISTRATION = define(101, "DUPLICATE_BROKER_REGISTRATION", 0,
            "This broker ID is already in use.");
    /** Code 102, not retriable. */
    public static final ErrorCode BROKER_ID_NOT_REGISTERED = define(102, "BROKER_ID_NOT_REGISTERED", 0,
            "The given broker ID was not registered.");
    /** Code 103, retriable, refresh metadata. */
    public static final ErrorCode INCONSISTENT_TOPIC_ID = define(103, "INCONSISTENT_TOPIC_ID", RETRIABLE | INVALID_METADATA,
            "The log's topic ID did not match the topic ID in the request.");
    /** Code 104, not retriable. */
    public static final ErrorCode INCONSISTENT_CLUSTER_ID = define(104, "INCONSISTENT_CLUSTER_ID", 0,
            "The clusterId in the request does not match that found on the server.");
    /** Code 105, not retriable. */
    public static final ErrorCode TRANSACTIONAL_ID_NOT_FOUND = define(105, "TRANSACTIONAL_ID_NOT_FOUND", 0,
            "The transactionalId could not be found.");
    /** Code 106, retriable. */
    public static final ErrorCode FETCH_SESSION_TOPIC_ID_ERROR = define(106, "FETCH_SESSION_TOPIC_ID_ERROR", RETRIABLE,
            "The fetch session encountered inconsistent topic ID usage.");
    /** Code 107, not retriable. */
    public static final ErrorCode INELIGIBLE_REPLICA = define(107, "INELIGIBLE_REPLICA", 0,
            "The new ISR contains at least one ineligible replica.");
    /** Code 108, not retriable. */
    public static final ErrorCode NEW_LEADER_ELECTED = define(108, "NEW_LEADER_ELECTED", 0,
            "The AlterPartition request successfully updated the partition state but the leader has changed.");
    /** Code 109, not retriable. */
    public static final ErrorCode OFFSET_MOVED_TO_TIERED_STORAGE = define(109, "OFFSET_MOVED_TO_TIERED_STORAGE", 0,
            "The requested offset is moved to tiered storage.");
    /** Code 110, not retriable. */
    public static final ErrorCode FENCED_MEMBER_EPOCH = define(110, "FENCED_MEMBER_EPOCH", 0,
            "The member epoch is fenced by the group coordinator. The member must abandon all its partitions and rejoin.");
    /** Code 111, not retriable. */
    public static final ErrorCode UNRELEASED_INSTANCE_ID = define(111, "UNRELEASED_INSTANCE_ID", 0,
            "The instance ID is still used by another member in the consumer group. That member must leave first.");
    /** Code 112, not retriable. */
    public static final ErrorCode UNSUPPORTED_ASSIGNOR = define(112, "UNSUPPORTED_ASSIGNOR", 0,
            "The assignor or its version range is not supported by the consumer group.");
    /** Code 113, not retriable. */
    public static final ErrorCode STALE_MEMBER_EPOCH = define(113, "STALE_MEMBER_EPOCH", 0,
            "The member epoch is stale. The member must retry after receiving its updated member epoch via the ConsumerGroupHeartbeat API.");
    /** Code 114, not retriable. */
    public static final ErrorCode MISMATCHED_ENDPOINT_TYPE = define(114, "MISMATCHED_ENDPOINT_TYPE", 0,
            "The request was sent to an endpoint of the wrong type.");
    /** Code 115, not retriable. */
    public static final ErrorCode UNSUPPORTED_ENDPOINT_TYPE = define(115, "UNSUPPORTED_ENDPOINT_TYPE", 0,
            "This endpoint type is not supported yet.");
    /** Code 116, not retriable. */
    public static final ErrorCode UNKNOWN_CONTROLLER_ID = define(116, "UNKNOWN_CONTROLLER_ID", 0,
            "This controller ID is not known.");
    /** Code 117, not retriable. */
    public static final ErrorCode UNKNOWN_SUBSCRIPTION_ID = define(117, "UNKNOWN_SUBSCRIPTION_ID", 0,
            "Client sent a push telemetry request with an invalid or outdated subscription ID.");
    /** Code 118, not retriable. */
    public static final ErrorCode TELEMETRY_TOO_LARGE = define(118, "TELEMETRY_TOO_LARGE", 0,
            "Client sent a push telemetry request larger than the maximum size the broker will accept.");
    /** Code 119, not retriable. */
    public static final ErrorCode INVALID_REGISTRATION = define(119, "INVALID_REGISTRATION", 0,
            "The controller has considered the broker registration to be invalid.");
    /** Code 120, not retriable. */
    public static final ErrorCode TRANSACTION_ABORTABLE = define(120, "TRANSACTION_ABORTABLE", 0,
            "The server encountered an error with the transaction. The client can abort the transaction to continue using this transactional ID.");
    /** Code 121, not retriable. */
    public static final ErrorCode INVALID_RECORD_STATE = define(121, "INVALID_RECORD_STATE", 0,
            "The record state is invalid. The acknowledgement of delivery could not be completed.");
    /** Code 122, retriable. */
    public static final ErrorCode SHARE_SESSION_NOT_FOUND = define(122, "SHARE_SESSION_NOT_FOUND", RETRIABLE,
            "The share session was not found.");
    /** Code 123, retriable. */
    public static final ErrorCode INVALID_SHARE_SESSION_EPOCH = define(123, "INVALID_SHARE_SESSION_EPOCH", RETRIABLE,
            "The share session epoch is invalid.");
    /** Code 124, not retriable. */
    public static final ErrorCode FENCED_STATE_EPOCH = define(124, "FENCED_STATE_EPOCH", 0,
            "The coordinator rejected the request because the state epoch did not match.");
    /** Code 125, not retriable. */
    public static final ErrorCode INVALID_VOTER_KEY = define(125, "INVALID_VOTER_KEY", 0,
            "The voter key doesn't match the receiving replica's key.");
    /** Code 126, not retriable. */
    public static final ErrorCode DUPLICATE_VOTER = define(126, "DUPLICATE_VOTER", 0,
            "The voter is already part of the set of voters.");
    /** Code 127, not retriable. */
    public static final ErrorCode VOTER_NOT_FOUND = define(127, "VOTER_NOT_FOUND", 0,
            "The voter is not part of the set of voters.");
    /** Code 128, not retriable. */
    public static final ErrorCode INVALID_REGULAR_EXPRESSION = define(128, "INVALID_REGULAR_EXPRESSION", 0,
            "The regular expression is not valid.");
    /** Code 129, not retriable. */
    public static final ErrorCode REBOOTSTRAP_REQUIRED = define(129, "REBOOTSTRAP_REQUIRED", 0,
            "Client metadata is stale. The client should rebootstrap to obtain new metadata.");
    /** Code 130, not retriable. */
    public static final ErrorCode STREAMS_INVALID_TOPOLOGY = define(130, "STREAMS_INVALID_TOPOLOGY", 0,
            "The supplied topology is invalid.");
    /** Code 131, not retriable. */
    public static final ErrorCode STREAMS_INVALID_TOPOLOGY_EPOCH = define(131, "STREAMS_INVALID_TOPOLOGY_EPOCH", 0,
            "The supplied topology epoch is invalid.");
    /** Code 132, not retriable. */
    public static final ErrorCode STREAMS_TOPOLOGY_FENCED = define(132, "STREAMS_TOPOLOGY_FENCED", 0,
            "The supplied topology epoch is outdated.");
    /** Code 133, retriable. */
    public static final ErrorCode SHARE_SESSION_LIMIT_REACHED = define(133, "SHARE_SESSION_LIMIT_REACHED", RETRIABLE,
            "The limit of share sessions has been reached.");
    // 134-136 are newer than the reference table; taken from kafka-clients 4.4.
    /** Code 134, not retriable. */
    public static final ErrorCode GROUP_DELETION_FAILED = define(134, "GROUP_DELETION_FAILED", 0,
            "DeleteGroups could not complete; see the error message on the per-group result for details.");
    /** Code 135, not retriable. */
    public static final ErrorCode STREAMS_TOPOLOGY_DESCRIPTION_UPDATE_FAILED = define(135,
            "STREAMS_TOPOLOGY_DESCRIPTION_UPDATE_FAILED", 0,
            "The broker could not process the topology description update; see the error message for details.");
    /** Code 136, not retriable. */
    public static final ErrorCode CONTROLLER_ID_NOT_REGISTERED = define(136, "CONTROLLER_ID_NOT_REGISTERED", 0,
            "The given controller ID was not registered.");

    private final short code;
    private final String name;
    private final boolean retriable;
    private final boolean invalidMetadata;
    private final String description;
    private final boolean known;

    private ErrorCode(short code, String name, boolean retriable, boolean invalidMetadata, String description,
            boolean known) {
        this.code = code;
        this.name = name;
        this.retriable = retriable;
        this.invalidMetadata = invalidMetadata;
        this.description = description;
        this.known = known;
    }

    private static ErrorCode define(int code, String name, int flags, String description) {
        ErrorCode error = new ErrorCode((short) code, name, (flags & RETRIABLE) != 0, (flags & INVALID_METADATA) != 0,
                description, true);
        if (BY_CODE.put(error.code, error) != null) {
            throw new ExceptionInInitializerError("Error code " + code + " defined twice");
        }
        return error;
    }

    /**
     * The error with wire code {@code code}; for a code this client does not know, a non-retriable
     * entry named {@code UNKNOWN_ERROR_CODE} that keeps the number.
     *
     * @param code the error_code field as read
     */
    public static ErrorCode forCode(short code) {
        ErrorCode error = BY_CODE.get(code);
        if (error != null) {
            return error;
        }
        return new ErrorCode(code, "UNKNOWN_ERROR_CODE", false, false,
                "Error code " + code + " is not known to this client.", false);
    }

    /** Every error code this client knows, in ascending code order after -1 and 0. */
    public static Collection<ErrorCode> knownCodes() {
        return Collections.unmodifiableCollection(BY_CODE.values());
    }

    /** The error_code value on the wire. */
    public short code() {
        return code;
    }

    /** Kafka's name for the code, such as {@code NOT_LEADER_OR_FOLLOWER}. */
    public String name() {
        return name;
    }

    /** Whether the same request may succeed if sent again (kafka-clients' {@code RetriableException}). */
    public boolean retriable() {
        return retriable;
    }

    /** Whether metadata should be refreshed before retrying (kafka-clients' {@code InvalidMetadataException}). */
    public boolean invalidMetadata() {
        return invalidMetadata;
    }

    /** Kafka's one-sentence description of the error. */
    public String description() {
        return description;
    }

    /** False only for codes this client's table does not contain. */
    public boolean isKnown() {
        return known;
    }

    /** Whether this is an error at all (any code but 0). */
    public boolean isError() {
        return code != 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ErrorCode that && code == that.code;
    }

    @Override
    public int hashCode() {
        return Short.hashCode(code);
    }

    /** For example {@code NOT_LEADER_OR_FOLLOWER(6)}. */
    @Override
    public String toString() {
        return name + "(" + code + ")";
    }
}
