package com.healthmonitor.worker;

import com.healthmonitor.testing.Architecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void featurePackagesDependOnEachOtherOneWay() {
        Architecture.assertNoPackageCycles("com.healthmonitor.worker");
    }

    @Test
    void scheduledMethodsReachTransactionsThroughTheProxy() {
        Architecture.assertScheduledMethodsDoNotCallTransactionalMethodsOfTheirOwnClass("com.healthmonitor.worker");
    }

    @Test
    void timestampColumnsAreReadThroughTimestamps() {
        Architecture.assertTimestampsReadThroughTimestamps("com.healthmonitor.worker");
    }
}
