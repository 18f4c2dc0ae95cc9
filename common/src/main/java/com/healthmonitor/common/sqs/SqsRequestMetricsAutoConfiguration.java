package com.healthmonitor.common.sqs;

import io.awspring.cloud.autoconfigure.sqs.SqsAsyncClientCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * Counts the SQS client's requests (see {@link SqsRequestCounter}) in every service that has one. The SQS SDK itself
 * is a condition, not only Spring Cloud AWS's customizer: the API has spring-cloud-aws-autoconfigure (for CloudWatch
 * metrics) but no SQS SDK, and the customizer's type names the SDK's builder, so the API died at start-up. Conditions
 * by name, so that this class is never loaded where they fail.
 */
@AutoConfiguration
@ConditionalOnClass(
        name = {
            "io.awspring.cloud.autoconfigure.sqs.SqsAsyncClientCustomizer",
            "software.amazon.awssdk.services.sqs.SqsAsyncClient",
            "io.micrometer.core.instrument.MeterRegistry"
        })
public class SqsRequestMetricsAutoConfiguration {

    @Bean
    SqsAsyncClientCustomizer sqsRequestCounter(ObjectProvider<MeterRegistry> registry) {
        return builder -> registry.ifAvailable(meters -> {
            // Added to what Spring Cloud AWS configured already, not instead of it.
            ClientOverrideConfiguration configured = builder.overrideConfiguration();
            ClientOverrideConfiguration.Builder configuration =
                    configured == null ? ClientOverrideConfiguration.builder() : configured.toBuilder();
            builder.overrideConfiguration(configuration
                    .addExecutionInterceptor(new SqsRequestCounter(meters))
                    .build());
        });
    }
}
