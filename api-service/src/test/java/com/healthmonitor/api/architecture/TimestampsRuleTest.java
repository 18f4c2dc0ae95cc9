package com.healthmonitor.api.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.database.Timestamps;
import com.healthmonitor.testing.Architecture;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The rule of each service's {@code ArchitectureTest} that reads timestamp columns one way, shown to bite. */
class TimestampsRuleTest {

    @Test
    void reportsEachReadOfATimestampColumnAroundTimestamps() {
        EvaluationResult result = Architecture.timestampsReadThroughTimestamps()
                .evaluate(new ClassFileImporter().importClasses(RawTimestampReads.class, RawTimestampReads.Row.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("ResultSet.getTimestamp(java.lang.String)")
                .contains("RawTimestampReads.typedGetObject() names OffsetDateTime.class")
                .contains("names Timestamp.class")
                .contains("RawTimestampReads$Row.createdAt has type OffsetDateTime");
    }

    @Test
    void letsTimestampsItselfReadThem() {
        EvaluationResult result = Architecture.timestampsReadThroughTimestamps()
                .evaluate(new ClassFileImporter().importClasses(Timestamps.class));

        assertThat(result.hasViolation()).isFalse();
    }
}
