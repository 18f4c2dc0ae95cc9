package com.healthmonitor.common.sqs;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The SQS client of each queue's region. SQS answers for a queue only in the queue's own region, and the SDK sends
 * every call to its client's region whatever the queue URL says, so a service that uses queues in several regions (the
 * scheduler sending to the probe regions' check queues, a probe sending to the home region's results queue) needs a
 * client per region. The region is read from the queue URL; a URL that names none (an emulator's, e.g.
 * {@code http://localhost:9324/000000000000/checks}) and a queue in the service's own region get the default client.
 * Other regions' clients are created on first use, once, and closed with this.
 */
public final class SqsClients implements AutoCloseable {

    /**
     * The hosts of SQS queue URLs that name a region: {@code sqs.<region>.amazonaws.com} (and {@code .com.cn} in
     * China), FIPS {@code sqs-fips.<region>...}, a VPC endpoint's {@code vpce-...sqs.<region>.vpce.amazonaws.com}, and
     * the legacy {@code <region>.queue.amazonaws.com}.
     */
    private static final Pattern REGIONAL_HOST =
            Pattern.compile("(?:(?:[a-z0-9-]+\\.)?sqs(?:-fips)?\\.(?<region>[a-z]{2}(?:-[a-z]+)+-\\d+)(?:\\.vpce)?"
                    + "|(?<legacy>[a-z]{2}(?:-[a-z]+)+-\\d+)\\.queue)\\.amazonaws\\.com(?:\\.cn)?");

    /** The legacy host without a region is us-east-1's. */
    private static final String LEGACY_US_EAST_1 = "queue.amazonaws.com";

    private final SqsAsyncClient defaultClient;
    private final Region defaultRegion;
    private final Function<Region, SqsAsyncClient> regionalClient;
    private final Map<Region, SqsAsyncClient> clients = new ConcurrentHashMap<>();

    /**
     * @param defaultClient the service's own client (its {@code AWS_REGION}, or the emulator's endpoint)
     * @param regionalClient creates a client for another region, configured as the default one but for that region
     */
    public SqsClients(SqsAsyncClient defaultClient, Function<Region, SqsAsyncClient> regionalClient) {
        this.defaultClient = defaultClient;
        this.defaultRegion = defaultClient.serviceClientConfiguration().region();
        this.regionalClient = regionalClient;
    }

    /** The client for the queue at {@code queueUrl}. */
    public SqsAsyncClient forQueue(String queueUrl) {
        return regionOf(queueUrl)
                .filter(region -> !region.equals(defaultRegion))
                .map(region -> clients.computeIfAbsent(region, regionalClient))
                .orElse(defaultClient);
    }

    /** The region an SQS queue URL names, empty for a URL that names none (an emulator's). */
    static Optional<Region> regionOf(String queueUrl) {
        String host;
        try {
            host = queueUrl == null ? null : URI.create(queueUrl.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (host == null) {
            return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals(LEGACY_US_EAST_1)) {
            return Optional.of(Region.US_EAST_1);
        }
        Matcher matcher = REGIONAL_HOST.matcher(host);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String region = matcher.group("region") != null ? matcher.group("region") : matcher.group("legacy");
        return Optional.of(Region.of(region));
    }

    /** Closes the clients this created; the default client belongs to whoever passed it in. */
    @Override
    public void close() {
        clients.values().forEach(SqsAsyncClient::close);
        clients.clear();
    }
}
