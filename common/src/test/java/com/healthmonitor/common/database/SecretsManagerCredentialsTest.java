package com.healthmonitor.common.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretsManagerCredentialsTest {

    private final SecretsManagerCredentials credentials = new SecretsManagerCredentials(null, "arn");

    @Test
    void readsTheRdsManagedSecretForm() {
        assertThat(credentials.parse("{\"username\":\"healthmonitor\",\"password\":\"s3cr3t\"}"))
                .isEqualTo(new DatabaseCredentials("healthmonitor", "s3cr3t"));
    }

    @Test
    void refusesASecretWithoutCredentialsAndNeverEchoesIt() {
        assertThatThrownBy(() -> credentials.parse("{\"user\":\"x\",\"pass\":\"hunter2\"}"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void hidesThePasswordWhenPrinted() {
        assertThat(new DatabaseCredentials("u", "hunter2").toString()).doesNotContain("hunter2");
    }
}
