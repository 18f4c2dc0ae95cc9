package com.healthmonitor.api.channel;

import com.healthmonitor.api.web.FieldChecks;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.api.web.TargetUrls;
import com.healthmonitor.common.alert.ChannelType;
import com.healthmonitor.common.net.PrivateTargetsProperties;
import com.healthmonitor.common.secret.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** The rules a channel must follow; every broken rule is reported at once, naming its field. */
@Component
class ChannelValidator {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_SECRET_LENGTH = 500;
    static final int MAX_RECIPIENTS = 50;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>,;\"]+@[^@\\s<>,;\"]+\\.[^@\\s<>,;\"]+$");

    private final boolean allowPrivateTargets;

    ChannelValidator(PrivateTargetsProperties privateTargets) {
        this.allowPrivateTargets = privateTargets.allowPrivateTargets();
    }

    /**
     * Validates a request; {@code existing} (on update) supplies the stored secrets that a masked value keeps.
     */
    ChannelSettings validate(ChannelRequest request, ChannelSettings existing) {
        List<FieldViolation> violations = new ArrayList<>();
        String name = FieldChecks.requiredName(request.name(), MAX_NAME_LENGTH, violations);
        ChannelType type = null;
        if (request.type() == null || request.type().isBlank()) {
            violations.add(new FieldViolation("type", "is required"));
        } else {
            type = ChannelType.parse(request.type().strip()).orElse(null);
            if (type == null) {
                violations.add(new FieldViolation("type", "must be one of " + ChannelType.names()));
            }
        }
        String url = blankToNull(request.url());
        String secret = blankToNull(request.secret());
        List<String> recipients = null;
        if (type == ChannelType.EMAIL) {
            if (url != null) {
                violations.add(new FieldViolation("url", "is not used by email channels"));
            }
            recipients = recipients(request.recipients(), violations);
        } else if (type != null) {
            if (request.recipients() != null) {
                violations.add(new FieldViolation("recipients", "is only used by email channels"));
            }
            if (existing != null && Secrets.isMaskOf(url, existing.url())) {
                url = existing.url(); // the client echoed the masked URL it was shown
            } else if (url == null) {
                violations.add(new FieldViolation("url", "is required for " + type.id() + " channels"));
            } else {
                TargetUrls.check("url", url, allowPrivateTargets, violations);
            }
        }
        if (secret != null && type != null && type != ChannelType.WEBHOOK) {
            violations.add(new FieldViolation("secret", "is only used by webhook channels"));
        } else if (existing != null && Secrets.isMaskOfValue(secret, existing.secret())) {
            // The echoed mask keeps the stored key only while it signs requests to the same server.
            if (url != null && Secrets.sameOrigin(url, existing.url())) {
                secret = existing.secret();
            } else {
                violations.add(new FieldViolation("secret", "re-enter the secret: the destination changed"));
            }
        } else if (secret != null && secret.length() > MAX_SECRET_LENGTH) {
            violations.add(new FieldViolation("secret", "must be at most 500 characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new ChannelSettings(name, type, url, secret, recipients);
    }

    private static List<String> recipients(List<String> given, List<FieldViolation> violations) {
        if (given == null || given.isEmpty()) {
            violations.add(new FieldViolation("recipients", "needs at least one address for email channels"));
            return null;
        }
        if (given.size() > MAX_RECIPIENTS) {
            violations.add(new FieldViolation("recipients", "must have at most 50 addresses"));
            return null;
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String address = given.get(i) == null ? "" : given.get(i).strip();
            if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
                violations.add(new FieldViolation("recipients[" + i + "]", "must be an email address"));
            }
            addresses.add(address);
        }
        return List.copyOf(addresses);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
