package com.healthmonitor.api.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused start into Spring Boot's short "APPLICATION FAILED TO START" report instead of a stack trace. */
class InvalidApiKeysFailureAnalyzer extends AbstractFailureAnalyzer<InvalidApiKeysException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidApiKeysException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
