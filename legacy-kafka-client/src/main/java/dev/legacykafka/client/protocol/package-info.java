/**
 * The Kafka wire protocol as this producer speaks it: the API version table ({@link
 * dev.legacykafka.client.protocol.ApiKey}), error codes, request and response headers and frames.
 * No I/O happens here.
 */
package dev.legacykafka.client.protocol;
