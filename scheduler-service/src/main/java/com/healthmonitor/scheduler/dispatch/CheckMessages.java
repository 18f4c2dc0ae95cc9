package com.healthmonitor.scheduler.dispatch;

import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.check.Locations;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs claimed checks into version-3 batch messages and the messages into {@code SendMessageBatch} calls, within
 * SQS's limits: at most {@link #MAX_PAYLOAD_BYTES} per message and per call, and {@link #MAX_ENTRIES_PER_CALL}
 * messages per call. Sizes are measured on the encoded UTF-8 text, because a check may carry a request body of up
 * to 64 KiB.
 */
final class CheckMessages {

    static final int MAX_ENTRIES_PER_CALL = 10;
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    /** {@code {"version":3,"checks":[]}} and then some: the batch's envelope around its checks. */
    private static final int ENVELOPE_BYTES = 64;

    /** One message: its body and the monitors it carries. */
    record Message(String body, List<DueMonitor> monitors) {
        int bytes() {
            return body.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private CheckMessages() {}

    /** The checks of the default location. */
    static List<Message> pack(List<DueMonitor> monitors, int checksPerMessage, CheckRequestCodec codec) {
        return pack(monitors, Locations.DEFAULT, checksPerMessage, codec);
    }

    /**
     * The checks for one location, in claim order, up to {@code checksPerMessage} per message and under the size
     * limit.
     */
    static List<Message> pack(
            List<DueMonitor> monitors, String location, int checksPerMessage, CheckRequestCodec codec) {
        List<Message> messages = new ArrayList<>();
        List<DueMonitor> current = new ArrayList<>();
        int bytes = ENVELOPE_BYTES;
        for (DueMonitor monitor : monitors) {
            // Encoded once more in the batch; a check is small next to a round trip to SQS.
            int checkBytes = codec.write(monitor.toCheckRequest(location)).getBytes(StandardCharsets.UTF_8).length + 1;
            if (!current.isEmpty() && (current.size() == checksPerMessage || bytes + checkBytes > MAX_PAYLOAD_BYTES)) {
                messages.add(message(current, location, codec));
                current = new ArrayList<>();
                bytes = ENVELOPE_BYTES;
            }
            current.add(monitor);
            bytes += checkBytes;
        }
        if (!current.isEmpty()) {
            messages.add(message(current, location, codec));
        }
        return messages;
    }

    /** The messages in order, up to ten per call and under the size limit per call. */
    static List<List<Message>> calls(List<Message> messages) {
        List<List<Message>> calls = new ArrayList<>();
        List<Message> current = new ArrayList<>();
        int bytes = 0;
        for (Message message : messages) {
            int messageBytes = message.bytes();
            if (!current.isEmpty()
                    && (current.size() == MAX_ENTRIES_PER_CALL || bytes + messageBytes > MAX_PAYLOAD_BYTES)) {
                calls.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(message);
            bytes += messageBytes;
        }
        if (!current.isEmpty()) {
            calls.add(current);
        }
        return calls;
    }

    private static Message message(List<DueMonitor> monitors, String location, CheckRequestCodec codec) {
        return new Message(
                codec.writeBatch(monitors.stream()
                        .map(monitor -> monitor.toCheckRequest(location))
                        .toList()),
                List.copyOf(monitors));
    }
}
