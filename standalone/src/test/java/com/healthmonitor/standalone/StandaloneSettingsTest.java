package com.healthmonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StandaloneSettingsTest {

    @Test
    void theApiListensOnLoopbackUnlessServerAddressSaysOtherwise() {
        assertThat(StandaloneSettings.fromEnvironment(Map.of()).serverAddress()).isEqualTo("127.0.0.1");
        assertThat(StandaloneSettings.fromEnvironment(Map.of("SERVER_ADDRESS", " "))
                        .serverAddress())
                .isEqualTo("127.0.0.1");
        assertThat(StandaloneSettings.fromEnvironment(Map.of("SERVER_ADDRESS", "0.0.0.0"))
                        .serverAddress())
                .isEqualTo("0.0.0.0");
    }
}
