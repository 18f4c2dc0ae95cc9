package com.healthmonitor.api.auth;

/** The API must not start as configured: a key is too short, or there are no keys and no opt-out. */
class InvalidApiKeysException extends IllegalStateException {

    InvalidApiKeysException(String message) {
        super(message);
    }
}
