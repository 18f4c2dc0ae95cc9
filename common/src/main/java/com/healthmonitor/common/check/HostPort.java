package com.healthmonitor.common.check;

/**
 * A {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port} as users write a resolver or server address.
 *
 * @param host the name or address literal, without brackets
 */
public record HostPort(String host, int port) {

    /** @throws IllegalArgumentException when the text is not such an address or the port is not 1-65535 */
    public static HostPort parse(String text, int defaultPort) {
        String value = text == null ? "" : text.strip();
        String host;
        String port = null;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("unclosed [ in " + value);
            }
            host = value.substring(1, end);
            String rest = value.substring(end + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected :port after ]");
                }
                port = rest.substring(1);
            }
        } else if (value.indexOf(':') != value.lastIndexOf(':')) {
            host = value; // a bare IPv6 literal
        } else if (value.contains(":")) {
            host = value.substring(0, value.indexOf(':'));
            port = value.substring(value.indexOf(':') + 1);
        } else {
            host = value;
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        int number = defaultPort;
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port must be a number");
            }
        }
        if (number < 1 || number > 65_535) {
            throw new IllegalArgumentException("port must be within 1-65535");
        }
        return new HostPort(host, number);
    }
}
