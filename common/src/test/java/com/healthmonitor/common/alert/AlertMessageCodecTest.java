package com.healthmonitor.common.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.common.monitor.MonitorStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertMessageCodecTest {

    private static final Instant AT = Instant.parse("2026-01-20T10:00:00.123Z");

    /** The fields after the reason of a kind that has none of them. */
    private static final String NOTHING_ELSE =
            "\"latencyMs\":null,\"downSince\":null,\"reminder\":null,\"summary\":null,\"lastPing\":null}";

    private final AlertMessageCodec codec = new AlertMessageCodec();

    @Test
    void writesVersionOneWithoutAVersionFieldAsWorkersBeforeTheFieldExpect() {
        String json = codec.write(AlertMessage.test("Ops", AT));

        assertThat(json).doesNotContain("version").contains("\"kind\":\"TEST\"", "\"name\":\"Ops\"");
    }

    @Test
    void readsAMessageStoredBeforeTheVersionFieldAsVersionOne() {
        String stored = """
                {"kind":"STATUS_CHANGE","monitorId":7,"name":"Checkout","url":"https://shop.example/health",
                 "from":"UP","to":"DOWN","at":"2026-01-20T10:00:00.123Z","reason":"HTTP 503","latencyMs":120,
                 "downSince":null,"reminder":null,"summary":null}""";

        assertThat(codec.read(stored))
                .isEqualTo(AlertMessage.statusChange(
                        7,
                        "Checkout",
                        "https://shop.example/health",
                        MonitorStatus.UP,
                        MonitorStatus.DOWN,
                        AT,
                        "HTTP 503",
                        120,
                        null));
    }

    @Test
    void readsTheApisFormerHandWrittenTestMessage() {
        assertThat(codec.read("{\"kind\":\"TEST\",\"name\":\"Ops\",\"at\":\"2026-01-20T10:00:00.123Z\"}"))
                .isEqualTo(AlertMessage.test("Ops", AT));
    }

    @Test
    void roundTripsEveryKind() {
        DailySummary summary = new DailySummary(
                LocalDate.of(2026, 1, 20),
                3,
                1,
                0,
                List.of(new DailySummary.Incident(7, "Checkout", 600, 2)),
                List.of(new DailySummary.Uptime(7, "Checkout", 99.31)),
                List.of(new DailySummary.Latency(7, "Checkout", 840)));
        List<AlertMessage> messages = List.of(
                AlertMessage.certificateWarning(7, "Checkout", "https://shop.example", "expires in 5 days", AT),
                AlertMessage.reminder(
                        7, "Checkout", "https://shop.example", "HTTP 503", AT.minusSeconds(3600), AT, 2, null),
                AlertMessage.maintenanceEnded(7, "Checkout", "https://shop.example", "HTTP 503", AT),
                AlertMessage.summary(summary, AT),
                AlertMessage.test("Ops", AT),
                AlertMessage.burnRate(7, "Checkout", "https://shop.example", "page: 2 % of the budget in 1 h", AT),
                AlertMessage.statusChange(
                                7, "Orders DB", "tcp://db:5432", MonitorStatus.UP, MonitorStatus.DOWN, AT, "x", 1, null)
                        .withDependencies(DependencyNote.alsoDown(12, List.of("Orders API", "Cart"))),
                AlertMessage.statusChange(
                                8, "Orders API", "https://api", MonitorStatus.UP, MonitorStatus.DOWN, AT, "x", 1, null)
                        .withDependencies(DependencyNote.heldFor("Orders DB")));

        assertThat(messages).allSatisfy(message -> assertThat(codec.read(codec.write(message)))
                .isEqualTo(message));
    }

    @Test
    void writesEachKindsFieldsAsTheOutboxHasAlwaysStoredThem() {
        String monitor = "\"monitorId\":7,\"name\":\"Checkout\",\"url\":\"https://shop.example\"";
        String at = "\"at\":\"2026-01-20T10:00:00.123Z\"";

        assertThat(codec.write(AlertMessage.statusChange(
                        7,
                        "Checkout",
                        "https://shop.example",
                        MonitorStatus.DOWN,
                        MonitorStatus.UP,
                        AT,
                        null,
                        120,
                        AT.minusSeconds(600),
                        new LastPing(AT.minusSeconds(60)))))
                .isEqualTo("{\"kind\":\"STATUS_CHANGE\"," + monitor + ",\"from\":\"DOWN\",\"to\":\"UP\"," + at
                        + ",\"reason\":null,\"latencyMs\":120,\"downSince\":\"2026-01-20T09:50:00.123Z\","
                        + "\"reminder\":null,\"summary\":null,\"lastPing\":{\"at\":\"2026-01-20T09:59:00.123Z\"}}");
        assertThat(codec.write(AlertMessage.reminder(
                        7, "Checkout", "https://shop.example", "HTTP 503", AT.minusSeconds(600), AT, 2, null)))
                .isEqualTo("{\"kind\":\"REMINDER\"," + monitor + ",\"from\":\"DOWN\",\"to\":\"DOWN\"," + at
                        + ",\"reason\":\"HTTP 503\",\"latencyMs\":null,\"downSince\":\"2026-01-20T09:50:00.123Z\","
                        + "\"reminder\":2,\"summary\":null,\"lastPing\":null}");
        assertThat(codec.write(AlertMessage.maintenanceEnded(7, "Checkout", "https://shop.example", "HTTP 503", AT)))
                .isEqualTo("{\"kind\":\"STATUS_CHANGE\"," + monitor + ",\"from\":\"MAINTENANCE\",\"to\":\"DOWN\"," + at
                        + ",\"reason\":\"HTTP 503\"," + NOTHING_ELSE);
        assertThat(codec.write(AlertMessage.certificateWarning(7, "Checkout", "https://shop.example", "expires", AT)))
                .isEqualTo("{\"kind\":\"TLS_EXPIRY\"," + monitor + ",\"from\":null,\"to\":null," + at
                        + ",\"reason\":\"expires\"," + NOTHING_ELSE);
        assertThat(codec.write(AlertMessage.burnRate(7, "Checkout", "https://shop.example", "page", AT)))
                .isEqualTo("{\"version\":2,\"kind\":\"BURN_RATE\"," + monitor + ",\"from\":null,\"to\":null," + at
                        + ",\"reason\":\"page\"," + NOTHING_ELSE);
        assertThat(codec.write(AlertMessage.burnRateOfTag("team:shop", "page", AT)))
                .isEqualTo("{\"version\":2,\"kind\":\"BURN_RATE\",\"monitorId\":null,\"name\":\"tag team:shop\","
                        + "\"url\":null,\"from\":null,\"to\":null," + at + ",\"reason\":\"page\"," + NOTHING_ELSE);
        assertThat(codec.write(AlertMessage.test("Ops", AT)))
                .isEqualTo("{\"kind\":\"TEST\",\"monitorId\":null,\"name\":\"Ops\",\"url\":null,\"from\":null,"
                        + "\"to\":null," + at + ",\"reason\":null," + NOTHING_ELSE);
    }

    @Test
    void acceptsFieldsANewerWriterAddsWithinAVersion() {
        assertThat(codec.read("{\"kind\":\"TEST\",\"name\":\"Ops\",\"at\":\"2026-01-20T10:00:00.123Z\",\"x\":1}"))
                .isEqualTo(AlertMessage.test("Ops", AT));
    }

    @Test
    void refusesANewerVersionInsteadOfMisreadingIt() {
        assertThatThrownBy(() -> codec.read("{\"version\":3,\"kind\":\"TEST\",\"name\":\"Ops\"}"))
                .isInstanceOf(AlertMessageCodec.UnreadableAlertMessageException.class)
                .hasMessageContaining("unsupported alert message version 3");
    }

    @Test
    void writesABurnRateAlertAsVersionTwoSoThatOlderReadersLeaveItPending() {
        String json = codec.write(AlertMessage.burnRate(7, "Checkout", "https://shop.example", "page", AT));

        assertThat(json).contains("\"version\":2", "\"kind\":\"BURN_RATE\"");
    }

    @Test
    void refusesWhatIsNoAlertMessage() {
        assertThatThrownBy(() -> codec.read("[1]"))
                .isInstanceOf(AlertMessageCodec.UnreadableAlertMessageException.class);
        assertThatThrownBy(() -> codec.read("{\"kind\":\"NO_SUCH_KIND\"}"))
                .isInstanceOf(AlertMessageCodec.UnreadableAlertMessageException.class);
    }
}
