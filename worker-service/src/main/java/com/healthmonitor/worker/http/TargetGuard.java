package com.healthmonitor.worker.http;

import com.healthmonitor.common.net.PrivateAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Refuses targets inside the worker's own network (SSRF): monitors and webhooks are user input, and the worker
 * runs next to the database and the cloud metadata service (169.254.169.254).
 *
 * <p>The HTTP client connects only to the addresses {@link #approve} returned (it resolves through
 * {@link GuardedDnsResolver}), so a hostile DNS server cannot answer differently between the check and the connect
 * (DNS rebinding).
 */
public final class TargetGuard {

    private final boolean allowPrivateTargets;
    private final Executor resolver;
    private final Lookup lookup;

    public TargetGuard(boolean allowPrivateTargets, Executor resolver) {
        this(allowPrivateTargets, resolver, InetAddress::getAllByName);
    }

    /** With a name lookup of its own (tests: a DNS server that answers differently each time). */
    public TargetGuard(boolean allowPrivateTargets, Executor resolver, Lookup lookup) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.resolver = resolver;
        this.lookup = lookup;
    }

    /** Resolves a name to its addresses. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress[] resolve(String name) throws UnknownHostException;
    }

    /**
     * Resolves the target's host within {@code timeout} and fails when any address is not public (unless private
     * targets are allowed).
     *
     * @throws UnknownHostException the name does not resolve
     * @throws TimeoutException resolution took longer than {@code timeout}
     * @throws BlockedTargetException the name resolves to a non-public address
     */
    public void verify(URI target, Duration timeout)
            throws UnknownHostException, TimeoutException, BlockedTargetException, InterruptedException {
        String host = target.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("no host in " + target.getScheme() + " URL");
        }
        approve(host, timeout);
    }

    /**
     * Resolves {@code host} once within {@code timeout} and returns its addresses when every one is allowed: the
     * addresses to connect to.
     *
     * @throws UnknownHostException the name does not resolve
     * @throws TimeoutException resolution took longer than {@code timeout}
     * @throws BlockedTargetException the name resolves to a non-public address
     */
    public InetAddress[] approve(String host, Duration timeout)
            throws UnknownHostException, TimeoutException, BlockedTargetException, InterruptedException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        // getAllByName has no timeout of its own; run it aside so the check's deadline also bounds DNS.
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> resolve(name), resolver);
        InetAddress[] addresses;
        try {
            addresses = lookup.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnresolvedHost unresolved) {
                throw unresolved.cause;
            }
            throw new IllegalStateException("name resolution failed", e.getCause());
        }
        if (allowPrivateTargets) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (isNonPublic(address)) {
                throw new BlockedTargetException(host);
            }
        }
        return addresses;
    }

    /** The common rule ({@link PrivateAddresses#isNonPublic}), shared with the API's validation. */
    public static boolean isNonPublic(InetAddress address) {
        return PrivateAddresses.isNonPublic(address);
    }

    private InetAddress[] resolve(String name) {
        try {
            return lookup.resolve(name);
        } catch (UnknownHostException e) {
            throw new UnresolvedHost(e);
        }
    }

    private static final class UnresolvedHost extends RuntimeException {
        private final UnknownHostException cause;

        UnresolvedHost(UnknownHostException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
