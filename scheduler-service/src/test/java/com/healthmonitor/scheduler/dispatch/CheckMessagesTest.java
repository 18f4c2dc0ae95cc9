package com.healthmonitor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.common.check.CheckTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CheckMessagesTest {

    private static final Instant SLOT = Instant.parse("2030-03-01T12:00:00Z");
    private final CheckRequestCodec codec = new CheckRequestCodec();

    @Test
    void carriesAtMostTheConfiguredNumberOfChecksPerMessageInClaimOrder() {
        List<DueMonitor> monitors = monitors(1, 235, CheckSpec.plainGet(200));

        List<CheckMessages.Message> messages = CheckMessages.pack(monitors, 50, codec);

        assertThat(messages).extracting(message -> message.monitors().size()).containsExactly(50, 50, 50, 50, 35);
        assertThat(messages.stream()
                        .flatMap(message -> codec.readAll(message.body()).stream())
                        .map(CheckRequest::monitorId))
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 235).boxed().toList());
    }

    @Test
    void keepsEveryMessageAndEverySendCallUnder256KiBWhenChecksCarryLargeBodies() {
        CheckSpec post = new CheckSpec(
                "POST", Map.of(), "x".repeat(64 * 1024), "text/plain", List.of("200"), List.of(), true, 0);
        List<DueMonitor> monitors = monitors(1, 30, post);

        List<CheckMessages.Message> messages = CheckMessages.pack(monitors, 50, codec);
        List<List<CheckMessages.Message>> calls = CheckMessages.calls(messages);

        assertThat(messages).allSatisfy(message -> assertThat(message.bytes()).isLessThanOrEqualTo(256 * 1024));
        assertThat(messages).extracting(message -> message.monitors().size()).allMatch(size -> size <= 3);
        assertThat(calls).allSatisfy(call -> assertThat(
                        call.stream().mapToInt(CheckMessages.Message::bytes).sum())
                .isLessThanOrEqualTo(256 * 1024));
        assertThat(calls.stream()
                        .flatMap(List::stream)
                        .mapToInt(message -> message.monitors().size())
                        .sum())
                .isEqualTo(30);
    }

    @Test
    void putsAtMostTenSmallMessagesIntoOneSendCall() {
        List<CheckMessages.Message> messages =
                CheckMessages.pack(monitors(1, 1_000, CheckSpec.plainGet(200)), 40, codec);

        List<List<CheckMessages.Message>> calls = CheckMessages.calls(messages);

        assertThat(messages).hasSize(25);
        assertThat(calls).extracting(List::size).containsExactly(10, 10, 5);
    }

    private static List<DueMonitor> monitors(long first, long last, CheckSpec check) {
        return LongStream.rangeClosed(first, last)
                .mapToObj(id ->
                        new DueMonitor(id, SLOT, 60, 1, 5, new CheckTarget.Http("https://example.com/" + id, check)))
                .toList();
    }
}
