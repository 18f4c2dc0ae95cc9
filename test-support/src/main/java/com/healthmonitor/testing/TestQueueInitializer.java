package com.healthmonitor.testing;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a Spring test context at a queue of its own on the shared in-process SQS server. Use with
 * {@code @ContextConfiguration(initializers = TestQueueInitializer.class)}; the URL is in
 * {@code health-monitor.sqs.queue-url}.
 */
public class TestQueueInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        useQueue(context, TestQueues.newQueue("checks"));
    }

    /** Points {@code context} at {@code queueUrl} on the shared server, for tests that prepare the queue first. */
    public static void useQueue(ConfigurableApplicationContext context, String queueUrl) {
        TestPropertyValues.of(
                        "health-monitor.sqs.queue-url=" + queueUrl,
                        "spring.cloud.aws.endpoint=" + TestQueues.server().endpoint(),
                        "spring.cloud.aws.region.static=" + TestQueues.REGION,
                        "spring.cloud.aws.credentials.access-key=" + TestQueues.ACCESS_KEY,
                        "spring.cloud.aws.credentials.secret-key=" + TestQueues.SECRET_KEY)
                .applyTo(context);
    }
}
