package com.healthmonitor.common.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * With {@code DATABASE_SECRET_ARN} set (the RDS-managed master secret in AWS), every service's connection pool
 * takes its credentials from Secrets Manager when it opens a connection, so a rotated password is picked up
 * without a redeployment.
 */
@AutoConfiguration
@ConditionalOnClass({HikariDataSource.class, SecretsManagerClient.class})
@ConditionalOnProperty("health-monitor.database.secret-arn")
public class DatabaseSecretAutoConfiguration {

    @Bean
    static BeanPostProcessor rotatingDatabaseCredentials(Environment environment) {
        String secretArn = environment.getRequiredProperty("health-monitor.database.secret-arn");
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && hikari.getDataSource() == null) {
                    SecretsManagerClient client = SecretsManagerClient.create();
                    hikari.setDataSource(new RotatingCredentialsDataSource(
                            hikari.getJdbcUrl(), new SecretsManagerCredentials(client, secretArn)));
                    hikari.setUsername(null);
                    hikari.setPassword(null);
                }
                return bean;
            }
        };
    }
}
