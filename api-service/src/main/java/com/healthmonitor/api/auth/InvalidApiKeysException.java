package com.healthmonitor.api.auth;

/** The API must not start as configured: a key is too short, or there are no keys and no opt-out. */
class InvalidApiKeysException extends IllegalStateException {

    private final String action;

    /** {@code action} tells the operator what to set, for the start-up failure report. */
    InvalidApiKeysException(String message, String action) {
        super(message);
        this.action = action;
    }

    String action() {
        return action;
    }
}
