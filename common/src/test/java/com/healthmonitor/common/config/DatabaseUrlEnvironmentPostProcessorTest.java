package com.healthmonitor.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class DatabaseUrlEnvironmentPostProcessorTest {

    @Test
    void splitsCredentialsOutOfTheSeedForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://monitor:s3cr%40t@db.internal:5432/healthmonitor");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/healthmonitor");
        assertThat(url.username()).isEqualTo("monitor");
        assertThat(url.password()).isEqualTo("s3cr@t");
    }

    @Test
    void acceptsTheFormWithoutCredentialsOrPort() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://db.internal/app?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal/app?sslmode=require");
        assertThat(url.username()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void passesAJdbcUrlThrough() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://localhost:5432/db").jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:5432/db");
    }

    @Test
    void neverEchoesThePasswordWhenRejecting() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://user:hunter2@host/db"))
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://user:hunter2@ho st/db"))
                .hasMessageNotContaining("hunter2");
        assertThat(DatabaseUrl.parse("postgresql://u:hunter2@h/db").toString()).doesNotContain("hunter2");
    }

    @Test
    void mapsTheSeedVariablesOntoTheDataSource() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("DATABASE_URL", "postgresql://seed:fromurl@db:5432/hm")
                .withProperty("DATABASE_PASSWORD", "fromsecret");

        new DatabaseUrlEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/hm");
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("seed");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("fromsecret");
    }
}
