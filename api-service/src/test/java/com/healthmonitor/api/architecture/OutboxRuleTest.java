package com.healthmonitor.api.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.healthmonitor.common.alert.AlertOutbox;
import com.healthmonitor.testing.Architecture;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The rule of {@code ArchitectureTest} that keeps the api off the worker's outbox table, shown to bite. */
class OutboxRuleTest {

    @Test
    void reportsAnApiClassThatWritesTheOutboxWithItsOwnSql() {
        EvaluationResult result = Architecture.outboxOnlyThroughTheAlertContract()
                .evaluate(new ClassFileImporter().importClasses(RawOutboxInsert.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .singleElement(STRING)
                .contains(RawOutboxInsert.class.getName(), "INSERT INTO deliveries");
    }

    @Test
    void letsTheAlertContractItselfWriteTheOutbox() {
        EvaluationResult result = Architecture.outboxOnlyThroughTheAlertContract()
                .evaluate(new ClassFileImporter().importClasses(AlertOutbox.class));

        assertThat(result.hasViolation()).isFalse();
    }
}
