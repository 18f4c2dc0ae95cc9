package com.healthmonitor.worker.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
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

    /** True for loopback, link-local, private (site-local, unique-local, CGNAT), any-local and multicast. */
    public static boolean isNonPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT 100.64/10
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking 198.18/15
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique local fc00::/7
                return true;
            }
            if (isIpv4Embedded(bytes)) { // ::a.b.c.d (compatible) or NAT64 64:ff9b::/96
                try {
                    return isNonPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isIpv4Embedded(byte[] bytes) {
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= bytes[i] == 0;
        }
        List<Integer> nat64 = List.of(0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0);
        boolean translated = true;
        for (int i = 0; i < 12; i++) {
            translated &= (bytes[i] & 0xff) == nat64.get(i);
        }
        return compatible || translated;
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
