package com.healthmonitor.api.monitor;

import com.healthmonitor.api.heartbeat.PingTokens;
import com.healthmonitor.api.heartbeat.PingUrls;
import com.healthmonitor.api.history.UptimeRepository;
import com.healthmonitor.api.history.Uptimes;
import com.healthmonitor.api.maintenance.MaintenanceStatus;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.api.web.MonitorNotFoundException;
import com.healthmonitor.common.check.MonitorType;
import com.healthmonitor.common.secret.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class MonitorService {

    private static final Logger log = LoggerFactory.getLogger(MonitorService.class);
    static final String DESTINATION_CHANGED = "re-enter the secret: the destination changed";

    private final MonitorRepository monitors;
    private final MonitorDependencies dependencies;
    private final UptimeRepository uptimes;
    private final MaintenanceStatus maintenance;
    private final PingUrls pingUrls;
    private final Clock clock;

    MonitorService(
            MonitorRepository monitors,
            MonitorDependencies dependencies,
            UptimeRepository uptimes,
            MaintenanceStatus maintenance,
            PingUrls pingUrls,
            Clock clock) {
        this.monitors = monitors;
        this.dependencies = dependencies;
        this.uptimes = uptimes;
        this.maintenance = maintenance;
        this.pingUrls = pingUrls;
        this.clock = clock;
    }

    MonitorResponse create(MonitorSettings settings, MonitorAlerting alerting) {
        MonitorResponse created =
                insert(List.of(new Validated(settings, alerting))).getFirst();
        log.info(
                "[MONITOR] created monitor={} type={}",
                created.id(),
                settings.type().id());
        return created;
    }

    /** Creates all the monitors or, when one fails, none (one transaction); the responses in the order given. */
    List<MonitorResponse> createAll(List<Validated> requests) {
        List<MonitorResponse> created = insert(requests);
        log.info("[MONITOR] created {} monitors in bulk", created.size());
        return created;
    }

    private List<MonitorResponse> insert(List<Validated> requests) {
        Instant now = now();
        List<Long> ids = new ArrayList<>(requests.size());
        Map<Long, String> pingUrls = new HashMap<>();
        for (Validated request : requests) {
            Monitor created = Monitor.create(request.settings(), now);
            created.alerting(request.alerting(), now);
            String pingUrl = issuePingTokenIfNeeded(created);
            long id = monitors.insert(created);
            ids.add(id);
            if (pingUrl != null) {
                pingUrls.put(id, pingUrl);
            }
        }
        // Read back, all in one query: the database fills in the columns the API does not write (status, ...). New
        // monitors have no uptime yet.
        Set<Long> inMaintenance = maintenance.covered(ids);
        Map<Long, Monitor> read = new HashMap<>();
        monitors.findAll(ids).forEach(monitor -> read.put(monitor.id(), monitor));
        return ids.stream()
                .map(id -> read.get(id).toResponse(Uptimes.NONE, inMaintenance.contains(id), pingUrls.get(id)))
                .toList();
    }

    /** Writes every monitor to {@code each} as the request that would create it again, its secrets masked. */
    @Transactional(readOnly = true)
    void export(Consumer<MonitorRequest> each) {
        monitors.forEach(monitor -> each.accept(monitor.toRequest()));
    }

    /** A new ping token for a heartbeat; the previous one pings nothing once this commits. */
    MonitorResponse rotatePingToken(long id) {
        Monitor monitor = find(id);
        if (monitor.type() != MonitorType.HEARTBEAT) {
            throw new InvalidRequestException(List.of(new FieldViolation(
                    "type", "is " + monitor.type().id() + ": only heartbeat monitors have a ping token")));
        }
        PingTokens.NewToken token = PingTokens.generate();
        monitor.pingToken(token.hash());
        monitors.pingToken(id, token.hash());
        log.info("[MONITOR] rotated the ping token of monitor={}", id);
        return response(monitor, pingUrls.of(token.secret()));
    }

    /** The ping URL of a token issued now (a new heartbeat, or a monitor changed into one); null otherwise. */
    private String issuePingTokenIfNeeded(Monitor monitor) {
        if (!monitor.needsPingToken()) {
            return null;
        }
        PingTokens.NewToken token = PingTokens.generate();
        monitor.pingToken(token.hash());
        return pingUrls.of(token.secret());
    }

    @Transactional(readOnly = true)
    MonitorResponse get(long id) {
        return response(find(id));
    }

    @Transactional(readOnly = true)
    List<MonitorResponse> list(MonitorFilter filter, long afterId, int limit) {
        List<Monitor> page = monitors.after(filter, afterId, limit);
        // One query for the whole page's uptimes and one for its maintenance, not one per monitor.
        List<Long> ids = page.stream().map(Monitor::id).toList();
        Map<Long, Uptimes> pageUptimes = uptimes.uptimes(ids);
        Set<Long> inMaintenance = maintenance.covered(ids);
        return page.stream()
                .map(monitor -> monitor.toResponse(
                        pageUptimes.getOrDefault(monitor.id(), Uptimes.NONE), inMaintenance.contains(monitor.id())))
                .toList();
    }

    MonitorResponse replace(long id, MonitorSettings settings, MonitorAlerting alerting) {
        Monitor monitor = find(id);
        checkDependencies(id, alerting.dependsOn());
        settings = settings.withSecrets(unmasked(settings, monitor.settings()));
        Instant now = now();
        Monitor.Change change = monitor.replace(settings, now);
        boolean alertingChanged = monitor.alerting(alerting, now);
        String pingUrl = issuePingTokenIfNeeded(monitor);
        if (change != Monitor.Change.NONE || alertingChanged) {
            monitors.update(monitor, change == Monitor.Change.RESTART);
        } else if (pingUrl != null) {
            monitors.pingToken(id, monitor.pingTokenHash());
        }
        log.info("[MONITOR] updated monitor={}", id);
        return response(find(id), pingUrl);
    }

    /**
     * The secrets of {@code settings} with the stored ones the client echoed masked put back (the webhook URL, the
     * URL's credentials, header values), but the URL's and headers' only while they still go where they went:
     * otherwise a PUT that only changes the host would send the kept token there.
     */
    static MonitorSettings.SecretFields unmasked(MonitorSettings settings, MonitorSettings stored) {
        String webhookUrl = Secrets.isMaskOf(settings.webhookUrl(), stored.webhookUrl())
                ? stored.webhookUrl()
                : settings.webhookUrl();
        if (settings.url() == null || stored.url() == null) {
            // No URL or headers of an HTTP monitor on one side: nothing was shown masked.
            return new MonitorSettings.SecretFields(settings.url(), webhookUrl, settings.headers());
        }
        String url = settings.url();
        List<FieldViolation> violations = new ArrayList<>();
        if (Secrets.echoesMaskedCredentials(url, stored.url())) {
            if (Secrets.sameEndpoint(url, stored.url())) {
                url = Secrets.restoreMaskedCredentials(url, stored.url());
            } else {
                violations.add(new FieldViolation("url", DESTINATION_CHANGED));
            }
        }
        if (!Secrets.sameOrigin(url, stored.url())) {
            settings.maskedHeaders(stored.headers())
                    .forEach(header -> violations.add(new FieldViolation("headers." + header, DESTINATION_CHANGED)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new MonitorSettings.SecretFields(url, webhookUrl, settings.unmaskedHeaders(stored.headers()));
    }

    /**
     * Refuses a dependency on the monitor itself or one that would close a cycle. The graph stays locked until the
     * edges are written and committed, so two concurrent updates cannot close a cycle together. A new monitor has no
     * dependants yet, so its dependencies never close one.
     */
    private void checkDependencies(long id, List<Long> dependsOn) {
        if (dependsOn.isEmpty()) {
            return;
        }
        if (dependsOn.contains(id)) {
            throw new InvalidRequestException(
                    List.of(new FieldViolation("depends_on", "a monitor cannot depend on itself (" + id + ")")));
        }
        dependencies.lockGraph();
        dependencies.cycle(id, dependsOn).ifPresent(cycle -> {
            throw new InvalidRequestException(List.of(new FieldViolation(
                    "depends_on",
                    "would form a cycle "
                            + String.join(
                                    " -> ", cycle.stream().map(String::valueOf).toList()))));
        });
    }

    void delete(long id) {
        if (!monitors.delete(id)) {
            throw new MonitorNotFoundException(id);
        }
        log.info("[MONITOR] deleted monitor={}", id);
    }

    private MonitorResponse response(Monitor monitor) {
        return response(monitor, null);
    }

    private MonitorResponse response(Monitor monitor, String pingUrl) {
        return monitor.toResponse(
                uptimes.uptimes(List.of(monitor.id())).get(monitor.id()), inMaintenance(monitor), pingUrl);
    }

    private boolean inMaintenance(Monitor monitor) {
        return !maintenance.covered(List.of(monitor.id())).isEmpty();
    }

    private Monitor find(long id) {
        return monitors.find(id).orElseThrow(() -> new MonitorNotFoundException(id));
    }

    /** The database keeps microseconds; so do we, so that a response shows what a later read shows. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
