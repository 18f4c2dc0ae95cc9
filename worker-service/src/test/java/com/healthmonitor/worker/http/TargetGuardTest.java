package com.healthmonitor.worker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

    private static final ExecutorService RESOLVER = Executors.newVirtualThreadPerTaskExecutor();

    @AfterAll
    static void stop() {
        RESOLVER.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.8.9.10",
                "::1",
                "169.254.169.254", // cloud metadata
                "169.254.0.1",
                "fe80::1",
                "10.0.0.5",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "fd00::1",
                "fc00::1",
                "fec0::1",
                "0.0.0.0",
                "::",
                "100.64.0.1",
                "224.0.0.1",
                "255.255.255.255",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "::10.0.0.1",
                "64:ff9b::a9fe:a9fe"
            })
    void blocksNonPublicAddresses(String address) throws Exception {
        assertThat(TargetGuard.isNonPublic(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "93.184.216.34"})
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(TargetGuard.isNonPublic(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void refusesALoopbackTargetUnlessPrivateTargetsAreAllowed() {
        URI target = URI.create("http://127.0.0.1:8080/health");

        assertThatThrownBy(() -> new TargetGuard(false, RESOLVER).verify(target, Duration.ofSeconds(1)))
                .isInstanceOf(BlockedTargetException.class);
        assertThatCode(() -> new TargetGuard(true, RESOLVER).verify(target, Duration.ofSeconds(1)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesTheMetadataServiceAndAnIpv6LiteralLoopback() {
        TargetGuard guard = new TargetGuard(false, RESOLVER);

        assertThatThrownBy(() ->
                        guard.verify(URI.create("http://169.254.169.254/latest/meta-data/"), Duration.ofSeconds(1)))
                .isInstanceOf(BlockedTargetException.class);
        assertThatThrownBy(() -> guard.verify(URI.create("http://[::1]:80/"), Duration.ofSeconds(1)))
                .isInstanceOf(BlockedTargetException.class);
    }

    @Test
    void refusesANameThatResolvesToLoopback() {
        assertThatThrownBy(() ->
                        new TargetGuard(false, RESOLVER).verify(URI.create("http://localhost/"), Duration.ofSeconds(1)))
                .isInstanceOf(BlockedTargetException.class);
    }

    @Test
    void reportsAnUnresolvableName() {
        // RFC 6761: .invalid never resolves.
        assertThatThrownBy(() -> new TargetGuard(true, RESOLVER)
                        .verify(URI.create("http://no-such-host.invalid/"), Duration.ofSeconds(5)))
                .isInstanceOfAny(UnknownHostException.class, java.util.concurrent.TimeoutException.class);
    }
}
