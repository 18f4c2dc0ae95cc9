package com.healthmonitor.common.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

class SqsRequestMetricsAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SqsRequestMetricsAutoConfiguration.class));

    @Test
    void countsTheRequestsOfAServiceWithAnSqsClient() {
        context.run(app -> assertThat(app).hasBean("sqsRequestCounter"));
    }

    @Test
    void backsOffInAServiceWithoutTheSqsSdkThoughSpringCloudAwsIsThere() {
        // The API's classpath: spring-cloud-aws-autoconfigure (for CloudWatch metrics), no SQS SDK.
        context.withClassLoader(new FilteredClassLoader(SqsAsyncClient.class))
                .run(app -> assertThat(app).hasNotFailed().doesNotHaveBean("sqsRequestCounter"));
    }
}
