package com.healthmonitor.common.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final String WEBHOOK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXabcd";

    @Test
    void keepsOnlySchemeHostAndLastFourCharacters() {
        assertThat(Secrets.maskUrl(WEBHOOK)).isEqualTo("https://hooks.slack.com/****abcd");
    }

    @Test
    void masksNonUrlsWhole() {
        assertThat(Secrets.maskUrl("short")).isEqualTo("****");
        assertThat(Secrets.maskUrl(null)).isNull();
    }

    @Test
    void recognisesItsOwnMask() {
        assertThat(Secrets.isMaskOf("https://hooks.slack.com/****abcd", WEBHOOK))
                .isTrue();
        assertThat(Secrets.isMaskOf(WEBHOOK, WEBHOOK)).isFalse();
    }

    @Test
    void masksSecretValuesKeepingOnlyTheTailOfLongOnes() {
        assertThat(Secrets.mask("Bearer s3cr3t-token-value")).isEqualTo("****alue");
        assertThat(Secrets.mask("short")).isEqualTo("****");
        assertThat(Secrets.isMaskOfValue("****alue", "Bearer s3cr3t-token-value"))
                .isTrue();
        assertThat(Secrets.isMaskOfValue("****alue", "other-token-value-x")).isFalse();
    }
}
