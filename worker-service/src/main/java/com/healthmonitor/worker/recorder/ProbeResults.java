package com.healthmonitor.worker.recorder;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckResultMessage;
import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.result.TlsInspection;
import com.healthmonitor.worker.state.Checked;
import java.util.List;

/** A probe's result as the recording path takes a local one: a check and what it found. */
final class ProbeResults {

    private ProbeResults() {}

    static Checked checked(CheckResultMessage result) {
        TlsInspection tls = result.tlsExpiresAt() == null
                ? null
                : new TlsInspection(result.tlsExpiresAt(), result.tlsCertificate());
        return new Checked(
                request(result),
                new CheckResult(
                        result.checkedAt(),
                        result.success(),
                        result.statusCode(),
                        result.latencyMs(),
                        result.error(),
                        tls,
                        result.responded()));
    }

    /**
     * The check as far as recording reads it: its identity (monitor, slot, configuration version, location) and the
     * certificate warning threshold. The rest of the check's settings stay in the probe (headers may hold secrets); the alert
     * names the monitor's URL from its row, so the placeholder URL here is never shown.
     */
    static CheckRequest request(CheckResultMessage result) {
        CheckSpec warnsAt = new CheckSpec("GET", null, null, null, List.of("200"), null, false, result.tlsExpiryDays());
        return CheckRequest.of(
                        result.monitorId(),
                        result.slot(),
                        result.configVersion(),
                        "probe://" + result.location(),
                        result.timeoutSeconds(),
                        warnsAt)
                .withLocation(result.location());
    }
}
