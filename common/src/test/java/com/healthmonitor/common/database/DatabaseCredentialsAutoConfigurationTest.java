package com.healthmonitor.common.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class DatabaseCredentialsAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DatabaseCredentialsAutoConfiguration.class))
            .withSystemProperties("aws.region=us-east-1")
            .withBean(HikariDataSource.class, () -> {
                HikariDataSource pool = new HikariDataSource();
                pool.setJdbcUrl("jdbc:postgresql://db.internal:5432/healthmonitor");
                pool.setUsername("injected-at-start");
                pool.setPassword("stale-after-rotation");
                return pool;
            });

    @Test
    void letsThePoolReadCredentialsFromTheSecretWhenOneIsNamed() {
        context.withPropertyValues("health-monitor.database.secret-arn=arn:aws:secretsmanager:us-east-1:1:secret:db")
                .run(app -> {
                    HikariDataSource pool = app.getBean(HikariDataSource.class);
                    assertThat(pool.getDataSource()).isInstanceOf(RotatingCredentialsDataSource.class);
                    assertThat(pool.getUsername()).isNull();
                    assertThat(pool.getPassword()).isNull();
                });
    }

    @Test
    void givesEveryNewConnectionAFreshIamTokenOverTls() {
        context.withPropertyValues(
                        "health-monitor.database.iam-auth=true",
                        "spring.cloud.aws.region.static=eu-west-1",
                        "spring.datasource.username=app")
                .withSystemProperties("aws.accessKeyId=AKIDEXAMPLE", "aws.secretAccessKey=example-secret")
                .run(app -> {
                    HikariDataSource pool = app.getBean(HikariDataSource.class);
                    assertThat(pool.getDataSource()).isInstanceOf(RotatingCredentialsDataSource.class);
                    assertThat(pool.getPassword()).isNull();
                });
    }

    @Test
    void leavesThePoolAloneWithoutASecret() {
        context.run(app -> {
            HikariDataSource pool = app.getBean(HikariDataSource.class);
            assertThat(pool.getDataSource()).isNull();
            assertThat(pool.getUsername()).isEqualTo("injected-at-start");
        });
    }

    @Test
    void leavesThePoolAloneWithoutTheSecretsManagerSdk() {
        context.withPropertyValues("health-monitor.database.secret-arn=arn:aws:secretsmanager:us-east-1:1:secret:db")
                .withClassLoader(new FilteredClassLoader(SecretsManagerClient.class))
                .run(app -> assertThat(app.getBean(HikariDataSource.class).getDataSource())
                        .isNull());
    }

    @Test
    void leavesThePoolAloneWithoutThePostgresqlDriverWhoseUrlParserTheTokensNeed() {
        context.withPropertyValues(
                        "health-monitor.database.iam-auth=true",
                        "spring.cloud.aws.region.static=eu-west-1",
                        "spring.datasource.username=app")
                .withClassLoader(new FilteredClassLoader(Driver.class))
                .run(app -> assertThat(app.getBean(HikariDataSource.class).getDataSource())
                        .isNull());
    }
}
