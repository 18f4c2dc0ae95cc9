package com.healthmonitor.worker.http;

import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only name resolution: resolves once, runs the SSRF guard on the result and hands the client
 * exactly the approved addresses, so the connection goes to the address that was checked. TLS SNI and the Host
 * header still carry the original name.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final TargetGuard guard;
    private final Duration defaultTimeout;

    GuardedDnsResolver(TargetGuard guard, Duration defaultTimeout) {
        this.guard = guard;
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
            return guard.approve(host, ExchangeDeadline.remainingOr(defaultTimeout));
        } catch (BlockedTargetException e) {
            // The client only lets UnknownHostException through this interface; the cause keeps the reason.
            throw (UnknownHostException) new UnknownHostException(e.getMessage()).initCause(e);
        } catch (TimeoutException e) {
            throw (UnknownHostException) new UnknownHostException("name resolution timed out").initCause(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (UnknownHostException)
                    new UnknownHostException("interrupted").initCause(new InterruptedIOException("interrupted"));
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host; // never used for connecting; no second lookup
    }
}
