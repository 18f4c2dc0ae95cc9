package com.healthmonitor.common.sqs;

import io.awspring.cloud.autoconfigure.sqs.SqsAsyncClientCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/** Counts the SQS client's requests (see {@link SqsRequestCounter}) in every service that has one. */
@AutoConfiguration
@ConditionalOnClass({SqsAsyncClientCustomizer.class, MeterRegistry.class})
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
