package dev.legacykafka.test.security;

/**
 * Which certificate a broker's TLS listeners present. Only {@link #TRUSTED} is accepted by a client
 * that trusts {@link TestCertificates#ca()} and checks host names; the others exist for tests that
 * show a client refusing a broker.
 */
public enum BrokerCertificate {

    /** Signed by {@link TestCertificates#ca()}, for {@code IP:127.0.0.1} and {@code DNS:localhost}. */
    TRUSTED,
    /** Signed by {@link TestCertificates#ca()} but only for {@code DNS:wrong-host.invalid}: host name checks fail. */
    WRONG_HOST,
    /** For {@code IP:127.0.0.1} and {@code DNS:localhost}, but signed by {@link TestCertificates#untrustedCa()}. */
    UNTRUSTED_CA
}
