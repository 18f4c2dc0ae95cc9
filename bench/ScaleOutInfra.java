// The shared infrastructure of bench/scaleout.sh in one JVM, as the system tests run it: the embedded PostgreSQL of
// test-support (a real postgres binary, its own processes) and an ElasticMQ server (the SQS wire protocol) with the
// check queue and its dead-letter queue. Run from source on test-support's classpath:
//   java -cp <test-support classpath> bench/ScaleOutInfra.java <postgres port> <sqs port> <visibility timeout s> <dir>
// Prints "ready <queue url>" once both answer, then runs until it is terminated.
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

void main(String[] args) throws Exception {
    int postgresPort = Integer.parseInt(args[0]);
    int sqsPort = Integer.parseInt(args[1]);
    String visibilityTimeout = args[2];
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
            .setPort(postgresPort)
            .setDataDirectory(Path.of(args[3], "postgres"))
            .setCleanDataDirectory(true)
            // Seven services' pools, and the ones started again after a kill.
            .setServerConfig("max_connections", "200")
            .start();
    SQSRestServer sqs = SQSRestServerBuilder.withInterface("127.0.0.1")
            .withPort(sqsPort)
            .withServerAddress(new NodeAddress("http", "127.0.0.1", sqsPort, ""))
            .withAWSRegion("us-east-1")
            .start();
    sqs.waitUntilStarted();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        sqs.stopAndWait();
        try {
            postgres.close();
        } catch (Exception ignored) {
            // exiting
        }
    }));
    try (SqsClient client = SqsClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + sqsPort))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build()) {
        String dlq = client.createQueue(b -> b.queueName("health-monitor-checks-dlq")).queueUrl();
        String dlqArn = client.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String queue = client.createQueue(b -> b.queueName("health-monitor-checks")
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT, visibilityTimeout,
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"5\"}")))
                .queueUrl();
        System.out.println("ready " + queue);
        System.out.flush();
    }
    Thread.currentThread().join();
}
