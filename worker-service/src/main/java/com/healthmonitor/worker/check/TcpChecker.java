package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.worker.http.HttpErrors;
import com.healthmonitor.worker.http.TargetGuard;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.result.TlsInspection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A TCP check: UP when a connection to {@code host:port} is established (and, with {@code tls}, a TLS handshake with
 * a valid certificate for the host completes) within the timeout. The name is resolved once through the SSRF guard
 * and only an approved address is connected to, as for HTTP. The latency is the time to the established connection
 * (handshake included).
 */
final class TcpChecker implements Checker<CheckTarget.Tcp> {

    private final TargetGuard guard;
    private final SSLContext sslContext;
    private final Clock clock;

    TcpChecker(TargetGuard guard, SSLContext sslContext, Clock clock) {
        this.guard = guard;
        this.sslContext = sslContext;
        this.clock = clock;
    }

    @Override
    public Class<CheckTarget.Tcp> targetType() {
        return CheckTarget.Tcp.class;
    }

    @Override
    public CheckResult check(CheckTarget.Tcp target, int timeoutSeconds) {
        Instant checkedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            InetAddress[] addresses = guard.approve(target.host(), Duration.ofNanos(deadline - System.nanoTime()));
            try (Socket socket = connect(addresses, target.port(), deadline)) {
                TlsInspection tls = target.tls() ? handshake(socket, target, deadline) : null;
                return CheckResult.answered(checkedAt, CheckFailures.millisSince(start), null, tls);
            }
        } catch (Exception e) {
            return CheckFailures.unanswered(e, checkedAt, start, () -> HttpErrors.describe(e, timeoutSeconds));
        }
    }

    /** The first approved address that accepts; the last failure when none does. */
    private static Socket connect(InetAddress[] addresses, int port, long deadline)
            throws IOException, TimeoutException {
        IOException failure = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
                return socket;
            } catch (SocketTimeoutException e) {
                socket.close();
                throw (TimeoutException) new TimeoutException("connect timed out").initCause(e);
            } catch (IOException e) {
                socket.close();
                failure = e;
            }
        }
        throw failure == null ? new IOException("no address") : failure;
    }

    private TlsInspection handshake(Socket socket, CheckTarget.Tcp target, long deadline)
            throws IOException, TimeoutException {
        SSLSocket tls =
                (SSLSocket) sslContext.getSocketFactory().createSocket(socket, target.host(), target.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        if (!target.host().contains(":") && !target.host().chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            parameters.setServerNames(List.of(new SNIHostName(target.host())));
        }
        tls.setSSLParameters(parameters);
        try {
            tls.setSoTimeout(remainingMillis(deadline));
            tls.startHandshake();
        } catch (SocketTimeoutException e) {
            throw (TimeoutException) new TimeoutException("TLS handshake timed out").initCause(e);
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : tls.getSession().getPeerCertificates()) {
            if (certificate instanceof X509Certificate x509) {
                chain.add(x509);
            }
        }
        return TlsInspection.of(chain).orElse(null);
    }

    private static int remainingMillis(long deadline) throws TimeoutException {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            throw new TimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }
}
