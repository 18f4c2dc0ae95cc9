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

    @Test
    void masksUserinfoAndSecretLookingQueryParametersOfAMonitoredUrl() {
        assertThat(Secrets.maskUrlCredentials("https://api.example.com/health?token=abc123&region=eu"))
                .isEqualTo("https://api.example.com/health?token=****&region=eu");
        assertThat(
                        Secrets.maskUrlCredentials(
                                "https://bob:hunter2-is-long@api.example.com:8443/h?api_key=0123456789abcdef&X-Api-Key=k&sig=s"))
                .isEqualTo("https://****long@api.example.com:8443/h?api_key=****cdef&X-Api-Key=****&sig=****");
        assertThat(Secrets.maskUrlCredentials("https://api.example.com/health?keyword=x&monkey=y"))
                .isEqualTo("https://api.example.com/health?keyword=x&monkey=y");
        assertThat(Secrets.maskUrlCredentials("https://api.example.com/#access_token=abc"))
                .isEqualTo("https://api.example.com/#access_token=****");
    }

    @Test
    void maskingAMaskedUrlChangesNothing() {
        String masked = Secrets.maskUrlCredentials("https://u:0123456789abcdef@e.com/?token=0123456789abcdef");

        assertThat(Secrets.maskUrlCredentials(masked)).isEqualTo(masked);
    }

    @Test
    void restoresTheCredentialsAnEchoedMaskStandsFor() {
        String stored = "https://u:pw@api.example.com/health?token=abc123&region=eu";
        String shown = Secrets.maskUrlCredentials(stored);

        assertThat(Secrets.echoesMaskedCredentials(shown, stored)).isTrue();
        assertThat(Secrets.restoreMaskedCredentials(shown, stored)).isEqualTo(stored);
        assertThat(Secrets.restoreMaskedCredentials(shown.replace("eu", "us"), stored))
                .isEqualTo(stored.replace("eu", "us"));
        assertThat(Secrets.echoesMaskedCredentials("https://api.example.com/health?token=new", stored))
                .isFalse();
        assertThat(Secrets.echoesMaskedCredentials(stored, stored)).isFalse();
    }

    @Test
    void comparesDestinationsBySchemeHostAndPort() {
        assertThat(Secrets.sameOrigin("https://Api.example.com/a", "https://api.example.com:443/b"))
                .isTrue();
        assertThat(Secrets.sameOrigin("https://api.example.com/a", "https://evil.example.com/a"))
                .isFalse();
        assertThat(Secrets.sameOrigin("https://api.example.com/a", "http://api.example.com/a"))
                .isFalse();
        assertThat(Secrets.sameOrigin("https://api.example.com/a", "https://api.example.com:8443/a"))
                .isFalse();
        assertThat(Secrets.sameOrigin("not a url", "not a url")).isFalse();
        assertThat(Secrets.sameEndpoint("https://api.example.com/a?x=1", "https://api.example.com/a?x=2"))
                .isTrue();
        assertThat(Secrets.sameEndpoint("https://api.example.com/a", "https://api.example.com/b"))
                .isFalse();
    }
}
