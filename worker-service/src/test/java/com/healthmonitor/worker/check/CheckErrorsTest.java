package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class CheckErrorsTest {

    @Test
    void namesAnUnresolvableHostADnsFailure() {
        assertThat(CheckErrors.describe(new UnknownHostException("nope.invalid"), 5))
                .isEqualTo("DNS failure");
    }

    @Test
    void namesARefusedConnection() {
        assertThat(CheckErrors.describe(new ConnectException("Connection refused"), 5))
                .isEqualTo("connection refused");
        // The JDK client wraps it and sometimes drops the message.
        assertThat(CheckErrors.describe(new ExecutionException(new IOException(null, new ConnectException())), 5))
                .isEqualTo("connection refused");
    }

    @Test
    void namesTimeoutsWithTheMonitorsTimeout() {
        assertThat(CheckErrors.describe(new TimeoutException(), 5)).isEqualTo("timeout after 5s");
        assertThat(CheckErrors.describe(new HttpTimeoutException("request timed out"), 7))
                .isEqualTo("timeout after 7s");
        assertThat(CheckErrors.describe(new HttpConnectTimeoutException("connect timed out"), 3))
                .isEqualTo("timeout after 3s");
    }

    @Test
    void namesTlsErrorsWithTheirDetail() {
        assertThat(CheckErrors.describe(new IOException(new SSLHandshakeException("PKIX path building failed")), 5))
                .isEqualTo("TLS error: PKIX path building failed");
    }

    @Test
    void namesABlockedTarget() {
        assertThat(CheckErrors.describe(new BlockedTargetException("10.0.0.1"), 5))
                .isEqualTo("blocked private address");
    }

    @Test
    void namesAnUnexpectedStatus() {
        assertThat(CheckErrors.unexpectedStatus(503, 200)).isEqualTo("unexpected status 503 (expected 200)");
    }

    @Test
    void namesTooManyRedirects() {
        assertThat(CheckErrors.describe(new CheckErrors.TooManyRedirectsException(5), 5))
                .isEqualTo("too many redirects (more than 5)");
    }

    @Test
    void fallsBackToTheRootCause() {
        assertThat(CheckErrors.describe(new IOException("outer", new IOException("Connection reset")), 5))
                .isEqualTo("I/O error: Connection reset");
    }
}
