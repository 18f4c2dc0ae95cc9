package com.healthmonitor.worker.check;

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
 * <p>Known gap: the HTTP client resolves the name again when it connects, so a hostile DNS server could answer
 * differently the second time (DNS rebinding). The JDK client offers no per-client resolver; an egress firewall
 * is the complete fix.
 */
public final class TargetGuard {

    private final boolean allowPrivateTargets;
    private final Executor resolver;

    public TargetGuard(boolean allowPrivateTargets, Executor resolver) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.resolver = resolver;
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
            return;
        }
        for (InetAddress address : addresses) {
            if (isNonPublic(address)) {
                throw new BlockedTargetException(host);
            }
        }
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

    private static InetAddress[] resolve(String name) {
        try {
            return InetAddress.getAllByName(name);
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
