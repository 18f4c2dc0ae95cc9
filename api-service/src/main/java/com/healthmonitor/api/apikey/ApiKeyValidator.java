package com.healthmonitor.api.apikey;

import com.healthmonitor.api.auth.Scope;
import com.healthmonitor.api.web.FieldChecks;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The rules of a new key, each broken rule reported at once and naming its field; the table's CHECKs mirror them. */
@Component
class ApiKeyValidator {

    static final int MAX_NAME_LENGTH = 100;

    record NewApiKey(String name, Scope scope) {}

    NewApiKey validate(ApiKeyRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        String name = FieldChecks.requiredName(request.name(), MAX_NAME_LENGTH, violations);
        if (name != null && name.chars().anyMatch(Character::isISOControl)) {
            // Names end up in logs and on the dashboard: no line breaks or other control characters.
            violations.add(new FieldViolation("name", "must not contain control characters"));
        }
        Scope scope = null;
        if (request.scope() == null || request.scope().isBlank()) {
            violations.add(new FieldViolation("scope", "is required: read, write or admin"));
        } else {
            scope = Scope.parse(request.scope()).orElse(null);
            if (scope == null) {
                violations.add(new FieldViolation("scope", "must be read, write or admin"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new NewApiKey(name, scope);
    }
}
