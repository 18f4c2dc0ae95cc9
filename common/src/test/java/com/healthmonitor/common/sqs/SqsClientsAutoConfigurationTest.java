package com.healthmonitor.common.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

class SqsClientsAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    RegionProviderAutoConfiguration.class,
                    CredentialsProviderAutoConfiguration.class,
                    AwsAutoConfiguration.class,
                    SqsAutoConfiguration.class,
                    SqsRequestMetricsAutoConfiguration.class,
                    SqsClientsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues(
                    "spring.cloud.aws.region.static=us-east-1",
                    "spring.cloud.aws.credentials.access-key=local",
                    "spring.cloud.aws.credentials.secret-key=local");

    @Test
    void buildsAnotherRegionsClientWithTheServicesSettingsAndTheRequestCounter() {
        context.run(app -> {
            SqsAsyncClient own = app.getBean(SqsAsyncClient.class);
            SqsClients clients = app.getBean(SqsClients.class);

            SqsAsyncClient eu = clients.forQueue("https://sqs.eu-west-1.amazonaws.com/123456789012/checks");

            assertThat(clients.forQueue("https://sqs.us-east-1.amazonaws.com/123456789012/checks"))
                    .isSameAs(own);
            assertThat(eu).isNotSameAs(own);
            assertThat(eu.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(eu.serviceClientConfiguration().overrideConfiguration().executionInterceptors())
                    .hasAtLeastOneElementOfType(SqsRequestCounter.class);
        });
    }

    @Test
    void aServiceWithoutAnSqsClientHasNone() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SqsClientsAutoConfiguration.class))
                .run(app -> assertThat(app).hasNotFailed().doesNotHaveBean(SqsClients.class));
    }
}
