/**
 * Connection security of the producer: {@link dev.legacykafka.client.security.SecurityProtocol},
 * TLS trust and key material ({@link dev.legacykafka.client.security.TlsSettings}, loaded by
 * {@link dev.legacykafka.client.security.SslContextFactory}), SASL credentials
 * ({@link dev.legacykafka.client.security.SaslSettings}) and the client side of the PLAIN and
 * SCRAM exchanges. Secrets are {@link dev.legacykafka.client.security.Password} values, which
 * never print.
 */
package dev.legacykafka.client.security;
