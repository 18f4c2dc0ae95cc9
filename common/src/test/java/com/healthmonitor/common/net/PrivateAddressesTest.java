package com.healthmonitor.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateAddressesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "LOCALHOST.",
                "api.localhost",
                "db.internal",
                "127.0.0.1",
                "10.1.2.3",
                "172.16.0.1",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1", // CGNAT
                "100.127.255.254",
                "0.0.0.0",
                "0.1.2.3", // "this network"
                "198.18.0.1",
                "240.0.0.1",
                "[::1]",
                "::1",
                "[fd00::1]", // unique local fc00::/7
                "[fc00::1]",
                "[fe80::1]",
                "[::ffff:127.0.0.1]",
                "[64:ff9b::a00:1]" // NAT64 of 10.0.0.1
            })
    void obviouslyPrivateHostsAreRecognisedWithoutALookup(String host) {
        assertThat(PrivateAddresses.isPrivateHost(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"example.com", "8.8.8.8", "100.128.0.1", "[2606:4700::1111]", "1.1.1.1", "internal.example"})
    void publicHostsPass(String host) {
        assertThat(PrivateAddresses.isPrivateHost(host)).isFalse();
    }

    @Test
    void namesAreNotResolved() {
        // A name that would resolve to a private address is the worker's to refuse, at connect time.
        assertThat(PrivateAddresses.isPrivateHost("localtest.me")).isFalse();
    }
}
