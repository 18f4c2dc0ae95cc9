package com.healthmonitor.common.sqs;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.sqs.SqsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.sqs.SqsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * {@link SqsClients} in every service with Spring Cloud AWS's SQS client: the other regions' clients are built as
 * Spring Cloud AWS builds that one (credentials, settings, customizers such as the request counter), for their own
 * region. Conditions by name, as in {@link SqsRequestMetricsAutoConfiguration}: the API has no SQS SDK.
 */
// After the configurations of the beans it is conditional on (class names sort this one before them).
@AutoConfiguration(
        afterName = {
            "io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration",
            "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration"
        })
@ConditionalOnClass(
        name = {
            "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration",
            "software.amazon.awssdk.services.sqs.SqsAsyncClient"
        })
public class SqsClientsAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean({SqsAsyncClient.class, AwsClientBuilderConfigurer.class, SqsProperties.class})
    SqsClients sqsClients(
            SqsAsyncClient sqs,
            AwsClientBuilderConfigurer configurer,
            SqsProperties properties,
            ObjectProvider<AwsConnectionDetails> connectionDetails,
            ObjectProvider<SqsAsyncClientCustomizer> customizers,
            ObjectProvider<AwsAsyncClientCustomizer> asyncCustomizers) {
        return new SqsClients(sqs, region -> configurer
                .configureAsyncClient(
                        SqsAsyncClient.builder(),
                        properties,
                        connectionDetails.getIfAvailable(),
                        customizers.orderedStream(),
                        asyncCustomizers.orderedStream())
                .region(region)
                .build());
    }
}
