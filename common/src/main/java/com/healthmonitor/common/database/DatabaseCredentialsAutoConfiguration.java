package com.healthmonitor.common.database;

import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * How the connection pool of every service gets database credentials in AWS, one path per mode:
 * <ul>
 *   <li>{@code DATABASE_SECRET_ARN} (the RDS-managed master secret): read from Secrets Manager when a connection
 *       opens and again when PostgreSQL refuses them, so a rotated password needs no redeployment;
 *   <li>{@code DATABASE_IAM_AUTH=true}: a fresh RDS IAM authentication token (valid 15 minutes) as the password of
 *       every new connection, over TLS ({@code sslmode=require}), so no password exists at all;
 *   <li>otherwise the pool's own user name and password ({@code DATABASE_URL}/{@code DATABASE_PASSWORD}).
 * </ul>
 */
@AutoConfiguration
// Conditions by name: each library is optional in common, and a class literal of a missing one fails where the
// annotation is read by reflection instead of from the class file.
@ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
public class DatabaseCredentialsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient")
    @ConditionalOnProperty("health-monitor.database.secret-arn")
    static class FromSecret {

        @Bean
        static BeanPostProcessor credentialsFromSecret(Environment environment) {
            String secretArn = environment.getRequiredProperty("health-monitor.database.secret-arn");
            return useCredentialsSource(url -> RotatingCredentialsDataSource.cachedUntilRefused(
                    url, new SecretsManagerCredentials(SecretsManagerClient.create(), secretArn)));
        }
    }

    @Configuration(proxyBeanMethods = false)
    // RdsIamCredentials reads the URL with the PostgreSQL driver's parser.
    @ConditionalOnClass(name = {"software.amazon.awssdk.services.rds.RdsUtilities", "org.postgresql.Driver"})
    @ConditionalOnBooleanProperty("health-monitor.database.iam-auth")
    static class FromIamToken {

        @Bean
        static BeanPostProcessor credentialsFromIamToken(Environment environment) {
            Region region = Region.of(environment.getRequiredProperty("spring.cloud.aws.region.static"));
            return useCredentialsSource(url -> {
                String tlsUrl = RdsIamCredentials.requireTls(url);
                Supplier<DatabaseCredentials> tokens = RdsIamCredentials.forUrl(
                        RdsUtilities.builder().region(region).build(),
                        tlsUrl,
                        environment.getRequiredProperty("spring.datasource.username"));
                return RotatingCredentialsDataSource.freshForEveryConnection(tlsUrl, tokens);
            });
        }
    }

    private static BeanPostProcessor useCredentialsSource(Function<String, RotatingCredentialsDataSource> source) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && hikari.getDataSource() == null) {
                    hikari.setDataSource(source.apply(hikari.getJdbcUrl()));
                    hikari.setUsername(null);
                    hikari.setPassword(null);
                }
                return bean;
            }
        };
    }
}
