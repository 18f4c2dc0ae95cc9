package com.healthmonitor.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one rule of what counts as a private (non-public) address, for the SSRF guards: the API refuses obviously
 * private targets when a monitor or channel is saved ({@link #isPrivateHost}, no DNS lookup), the worker refuses
 * every resolved address that is private before it connects ({@link #isNonPublic}).
 */
public final class PrivateAddresses {

    private PrivateAddresses() {}

    /**
     * True for loopback, link-local, private (site-local, unique-local fc00::/7, CGNAT 100.64/10), "this network"
     * 0/8, benchmarking 198.18/15, reserved 240/4, any-local and multicast addresses, also when embedded in IPv6.
     */
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
                    return isNonPublic(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a host as a user wrote it is obviously private without a DNS lookup (which would make validation slow
     * and flaky): {@code localhost}, {@code *.localhost}, {@code *.internal}, or an address literal (IPv6 with or
     * without brackets) that {@link #isNonPublic} refuses. The worker checks the resolved addresses again before every
     * connection.
     */
    public static boolean isPrivateHost(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1); // an absolute name: "localhost." is localhost
        }
        if (lower.equals("localhost") || lower.endsWith(".localhost") || lower.endsWith(".internal")) {
            return true;
        }
        String literal = lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
        boolean ipLiteral = literal.contains(":") || literal.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        if (!ipLiteral) {
            return false;
        }
        try {
            return isNonPublic(InetAddress.ofLiteral(literal));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isIpv4Embedded(byte[] bytes) {
        boolean compatible = true;
        boolean translated = (bytes[0] & 0xff) == 0x00
                && (bytes[1] & 0xff) == 0x64
                && (bytes[2] & 0xff) == 0xff
                && (bytes[3] & 0xff) == 0x9b;
        for (int i = 0; i < 12; i++) {
            compatible &= bytes[i] == 0;
            if (i >= 4) {
                translated &= bytes[i] == 0;
            }
        }
        return compatible || translated;
    }
}
