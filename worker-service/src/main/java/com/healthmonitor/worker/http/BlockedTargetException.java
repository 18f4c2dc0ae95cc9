package com.healthmonitor.worker.http;

import java.io.IOException;

/** The target resolves to an address the worker must not call (SSRF guard). */
public final class BlockedTargetException extends IOException {

    public BlockedTargetException(String host) {
        super("blocked private address: " + host);
    }
}
