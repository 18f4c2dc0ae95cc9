package com.healthmonitor.scheduler;

import com.healthmonitor.testing.Architecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void featurePackagesDependOnEachOtherOneWay() {
        Architecture.assertNoPackageCycles("com.healthmonitor.scheduler");
    }

    @Test
    void scheduledMethodsReachTransactionsThroughTheProxy() {
        Architecture.assertScheduledMethodsDoNotCallTransactionalMethodsOfTheirOwnClass("com.healthmonitor.scheduler");
    }

    @Test
    void timestampColumnsAreReadThroughTimestamps() {
        Architecture.assertTimestampsReadThroughTimestamps("com.healthmonitor.scheduler");
    }
}
