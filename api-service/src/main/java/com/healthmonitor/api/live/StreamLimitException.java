package com.healthmonitor.api.live;

/** A stream refused because the client or the instance has all the streams it may have open. */
class StreamLimitException extends RuntimeException {

    StreamLimitException(String message) {
        super(message, null, false, false);
    }
}
