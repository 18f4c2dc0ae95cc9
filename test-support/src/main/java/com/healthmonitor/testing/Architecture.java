package com.healthmonitor.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The structure rules every service keeps: its feature packages depend on each other one way only. */
public final class Architecture {

    private Architecture() {}

    /** Fails, naming the cycle, when two feature packages under {@code rootPackage} depend on each other. */
    public static void assertNoPackageCycles(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
