package com.healthmonitor.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

    @Test
    void namesAnUnresolvableHostADnsFailure() {
        assertThat(HttpErrors.describe(new UnknownHostException("nope.invalid"), 5))
                .isEqualTo("DNS failure");
    }

    @Test
    void namesARefusedConnection() {
        assertThat(HttpErrors.describe(new ConnectException("Connection refused"), 5))
                .isEqualTo("connection refused");
        assertThat(HttpErrors.describe(new ExecutionException(new IOException(null, new ConnectException())), 5))
                .isEqualTo("connection refused");
    }

    @Test
    void namesTimeoutsWithTheTimeout() {
        assertThat(HttpErrors.describe(new TimeoutException(), 5)).isEqualTo("timeout after 5s");
        assertThat(HttpErrors.describe(new SocketTimeoutException("Read timed out"), 7))
                .isEqualTo("timeout after 7s");
        assertThat(HttpErrors.describe(new ConnectTimeoutException("connect timed out"), 3))
                .isEqualTo("timeout after 3s");
    }

    @Test
    void namesTlsErrorsWithTheirDetail() {
        assertThat(HttpErrors.describe(new IOException(new SSLHandshakeException("handshake_failure")), 5))
                .isEqualTo("TLS error: handshake_failure");
    }

    @Test
    void namesCertificateProblemsAUserCanActOn() {
        SSLHandshakeException expired = new SSLHandshakeException("PKIX path validation failed");
        expired.initCause(new CertPathValidatorException("validity check failed", new CertificateExpiredException()));
        assertThat(HttpErrors.describe(expired, 5)).isEqualTo("TLS error: certificate expired");

        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertPathValidatorException("unable to find valid certification path"));
        assertThat(HttpErrors.describe(untrusted, 5))
                .isEqualTo("TLS error: certificate not trusted (unable to find valid certification path)");

        assertThat(HttpErrors.describe(
                        new SSLPeerUnverifiedException(
                                "Certificate for <a.example> doesn't match any of the subject alternative names"),
                        5))
                .startsWith("TLS error: certificate does not match the host name");
    }

    @Test
    void namesABlockedTargetEvenWhenTheClientWrapsIt() {
        assertThat(HttpErrors.describe(new BlockedTargetException("10.0.0.1"), 5))
                .isEqualTo("blocked private address");
        UnknownHostException wrapped = new UnknownHostException("blocked");
        wrapped.initCause(new BlockedTargetException("10.0.0.1"));
        assertThat(HttpErrors.describe(wrapped, 5)).isEqualTo("blocked private address");
    }

    @Test
    void fallsBackToTheRootCause() {
        assertThat(HttpErrors.describe(new IOException("outer", new IOException("Connection reset")), 5))
                .isEqualTo("I/O error: Connection reset");
    }
}
