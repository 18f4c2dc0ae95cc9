package com.healthmonitor.api;

import com.healthmonitor.testing.Architecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void featurePackagesDependOnEachOtherOneWay() {
        Architecture.assertNoPackageCycles("com.healthmonitor.api");
    }

    @Test
    void scheduledMethodsReachTransactionsThroughTheProxy() {
        Architecture.assertScheduledMethodsDoNotCallTransactionalMethodsOfTheirOwnClass("com.healthmonitor.api");
    }

    @Test
    void theApiReachesTheWorkersOutboxOnlyThroughTheAlertContract() {
        Architecture.assertOutboxOnlyThroughTheAlertContract("com.healthmonitor.api");
    }

    @Test
    void timestampColumnsAreReadThroughTimestamps() {
        Architecture.assertTimestampsReadThroughTimestamps("com.healthmonitor.api");
    }
}
