package com.healthmonitor.common.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

class SqsClientsTest {

    private final SqsAsyncClient home = client(Region.US_EAST_1);
    private final List<Region> created = new ArrayList<>();
    private final SqsClients clients = new SqsClients(home, region -> {
        created.add(region);
        return client(region);
    });

    @AfterEach
    void close() {
        clients.close();
        home.close();
    }

    @ParameterizedTest
    @CsvSource({
        "https://sqs.eu-west-1.amazonaws.com/123456789012/health-monitor-probe-eu-west-1-checks, eu-west-1",
        "https://sqs.ap-southeast-2.amazonaws.com/123456789012/checks, ap-southeast-2",
        "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/checks, cn-north-1",
        "https://sqs-fips.us-gov-west-1.amazonaws.com/123456789012/checks, us-gov-west-1",
        "https://sqs-fips.us-east-2.amazonaws.com/123456789012/checks, us-east-2",
        "https://vpce-0a1b2c3d4e5f-abcdefgh.sqs.eu-central-1.vpce.amazonaws.com/123456789012/checks, eu-central-1",
        "https://eu-west-2.queue.amazonaws.com/123456789012/checks, eu-west-2",
        "https://queue.amazonaws.com/123456789012/checks, us-east-1",
        "HTTPS://SQS.EU-WEST-3.AMAZONAWS.COM/123456789012/checks, eu-west-3",
    })
    void readsTheRegionFromEveryShapeOfSqsQueueUrl(String queueUrl, String region) {
        assertThat(SqsClients.regionOf(queueUrl)).contains(Region.of(region));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost:9324/000000000000/health-monitor-checks",
                "http://sqs:9324/000000000000/health-monitor-checks",
                "http://127.0.0.1:40123/000000000000/checks-1",
                "http://sqs.eu-west-1.localhost.example:4566/000000000000/checks",
                "https://sqs.eu-west-1.amazonaws.com.evil.example/123456789012/checks",
                "not a url",
                ""
            })
    void findsNoRegionInAUrlThatIsNotAnAwsQueue(String queueUrl) {
        assertThat(SqsClients.regionOf(queueUrl)).isEmpty();
    }

    @Test
    void aQueueInTheServicesOwnRegionOrOnAnEmulatorUsesTheDefaultClient() {
        assertThat(clients.forQueue("https://sqs.us-east-1.amazonaws.com/123456789012/checks"))
                .isSameAs(home);
        assertThat(clients.forQueue("http://localhost:9324/000000000000/checks"))
                .isSameAs(home);
        assertThat(created).isEmpty();
    }

    @Test
    void anotherRegionsQueueGetsAClientOfThatRegionCreatedOnceAndReused() {
        SqsAsyncClient eu = clients.forQueue("https://sqs.eu-west-1.amazonaws.com/123456789012/checks");
        SqsAsyncClient euAgain = clients.forQueue("https://sqs.eu-west-1.amazonaws.com/123456789012/other-queue");
        SqsAsyncClient ap = clients.forQueue("https://sqs.ap-south-1.amazonaws.com/123456789012/checks");

        assertThat(eu.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        assertThat(euAgain).isSameAs(eu);
        assertThat(ap.serviceClientConfiguration().region()).isEqualTo(Region.AP_SOUTH_1);
        assertThat(created).containsExactly(Region.EU_WEST_1, Region.AP_SOUTH_1);
    }

    private static SqsAsyncClient client(Region region) {
        return SqsAsyncClient.builder()
                .region(region)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
    }
}
