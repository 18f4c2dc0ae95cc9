package com.healthmonitor.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The structure rules every service keeps: its feature packages depend on each other one way only, its scheduled
 * jobs start their transactions where Spring can see them, only the alert contract in {@code common} touches the
 * worker's alert outbox from outside the worker, and timestamp columns are read through {@code Timestamps}.
 */
public final class Architecture {

    // By name: the rules hold for any module, whether or not spring-tx or Jakarta Transactions is on its classpath.
    private static final String SCHEDULED = "org.springframework.scheduling.annotation.Scheduled";
    private static final String SCHEDULES = "org.springframework.scheduling.annotation.Schedules";
    private static final List<String> TRANSACTIONAL =
            List.of("org.springframework.transaction.annotation.Transactional", "jakarta.transaction.Transactional");

    /** The package of the alert contract: the one way into the worker's {@code deliveries} table. */
    public static final String ALERT_CONTRACT = "com.healthmonitor.common.alert";

    // SQL that reads or writes the outbox table, in any string constant (a text block is one).
    private static final Pattern OUTBOX_SQL =
            Pattern.compile("(?is)\\b(?:into|update|from|join|table)\\s+deliveries\\b");

    /** The one reader of {@code timestamptz} columns. */
    public static final String TIMESTAMPS = "com.healthmonitor.common.database.Timestamps";

    // The types a timestamp column is read as when it is read around Timestamps: as a class literal
    // (getObject(column, OffsetDateTime.class), query(OffsetDateTime.class)) or a field (a row record mapped by name).
    private static final Set<String> RAW_TIMESTAMP_TYPES = Set.of("java.time.OffsetDateTime", "java.sql.Timestamp");

    private Architecture() {}

    /**
     * Fails, naming the class and its SQL, when a class under {@code rootPackage} names the worker's {@code deliveries}
     * table in SQL instead of going through the alert contract: see {@link #outboxOnlyThroughTheAlertContract()}.
     */
    public static void assertOutboxOnlyThroughTheAlertContract(String rootPackage) {
        outboxOnlyThroughTheAlertContract().check(classes(rootPackage));
    }

    /**
     * The alert outbox ({@code deliveries}) belongs to the worker; anyone else queues alerts and reads their outcome
     * through {@code AlertOutbox} and the versioned {@code AlertMessage} in {@value #ALERT_CONTRACT}, so that the
     * table's shape and the message's format are known in one place. Found by reading each class's string constants,
     * where its SQL is.
     */
    public static ArchRule outboxOnlyThroughTheAlertContract() {
        return noClasses()
                .that()
                .resideOutsideOfPackage(ALERT_CONTRACT + "..")
                .should(nameTheOutboxTableInSql())
                .because("the api reaches the worker's outbox only through the alert contract in common ("
                        + ALERT_CONTRACT + ".AlertOutbox)")
                .allowEmptyShould(true);
    }

    /** Fails, naming the cycle, when two feature packages under {@code rootPackage} depend on each other. */
    public static void assertNoPackageCycles(String rootPackage) {
        slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles().check(classes(rootPackage));
    }

    /**
     * Fails, naming the method, when a {@code @Scheduled} method under {@code rootPackage} calls a {@code @Transactional}
     * method of its own class: see {@link #scheduledMethodsDoNotCallTransactionalMethodsOfTheirOwnClass()}.
     */
    public static void assertScheduledMethodsDoNotCallTransactionalMethodsOfTheirOwnClass(String rootPackage) {
        scheduledMethodsDoNotCallTransactionalMethodsOfTheirOwnClass().check(classes(rootPackage));
    }

    /**
     * The scheduler invokes a {@code @Scheduled} method on the bean itself, and a call from there to {@code this}
     * bypasses the proxy that starts transactions: the {@code @Transactional} method then runs without one (and a
     * {@code MANDATORY} callee throws on every tick). Calls through the class's own helper methods count too; a
     * scheduled method that is itself transactional is fine, its transaction comes from the proxy.
     */
    public static ArchRule scheduledMethodsDoNotCallTransactionalMethodsOfTheirOwnClass() {
        return methods()
                .that(scheduled())
                .and(notTransactionalThemselves())
                .should(notCallTransactionalMethodsOfTheirOwnClass())
                .because("a call to this bypasses the transaction proxy; use a TransactionTemplate or another bean")
                .allowEmptyShould(true);
    }

    /**
     * Fails, naming each read, when a class under {@code rootPackage} reads a timestamp column other than through
     * {@code Timestamps}: see {@link #timestampsReadThroughTimestamps()}.
     */
    public static void assertTimestampsReadThroughTimestamps(String rootPackage) {
        timestampsReadThroughTimestamps().check(classes(rootPackage));
    }

    /**
     * PgJDBC reads a {@code timestamptz} as an {@code OffsetDateTime} (or a {@code java.sql.Timestamp} in the JVM's
     * zone), the services keep {@code Instant}s: {@value #TIMESTAMPS} converts, null included, so the conversion is
     * written once. Reported: calls to {@code ResultSet.getTimestamp}, the class literals a typed read names
     * ({@code OffsetDateTime.class}, {@code Timestamp.class}) and fields of those types (rows mapped by column name).
     */
    public static ArchRule timestampsReadThroughTimestamps() {
        return noClasses()
                .that()
                .doNotHaveFullyQualifiedName(TIMESTAMPS)
                .should(readTimestampColumnsThemselves())
                .because("timestamp columns are read one way, through " + TIMESTAMPS + ".instant")
                .allowEmptyShould(true);
    }

    private static ArchCondition<JavaClass> readTimestampColumnsThemselves() {
        return new ArchCondition<>("read timestamp columns themselves") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                javaClass.getMethodCallsFromSelf().stream()
                        .filter(call -> call.getTargetOwner().isAssignableTo("java.sql.ResultSet")
                                && call.getName().equals("getTimestamp"))
                        .forEach(call -> events.add(SimpleConditionEvent.satisfied(call, call.getDescription())));
                javaClass.getReferencedClassObjects().stream()
                        .filter(literal -> RAW_TIMESTAMP_TYPES.contains(
                                literal.getRawType().getName()))
                        .forEach(literal -> events.add(SimpleConditionEvent.satisfied(
                                literal,
                                literal.getOwner().getFullName() + " names "
                                        + literal.getRawType().getSimpleName() + ".class in "
                                        + literal.getSourceCodeLocation())));
                javaClass.getFields().stream()
                        .filter(field ->
                                RAW_TIMESTAMP_TYPES.contains(field.getRawType().getName()))
                        .forEach(field -> events.add(SimpleConditionEvent.satisfied(
                                field,
                                field.getFullName() + " has type "
                                        + field.getRawType().getSimpleName())));
            }
        };
    }

    private static JavaClasses classes(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    private static ArchCondition<JavaClass> nameTheOutboxTableInSql() {
        return new ArchCondition<>("name the deliveries table in SQL") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (String constant : stringConstants(javaClass)) {
                    if (OUTBOX_SQL.matcher(constant).find()) {
                        events.add(SimpleConditionEvent.satisfied(
                                javaClass,
                                javaClass.getName() + " names the deliveries table in SQL: "
                                        + constant.strip().replaceAll("\\s+", " ")));
                    }
                }
            }
        };
    }

    /** The string literals of the class file (ArchUnit does not model constants), by the JDK's class-file API. */
    private static List<String> stringConstants(JavaClass javaClass) {
        return javaClass
                .getSource()
                .map(source -> {
                    try (InputStream in = source.getUri().toURL().openStream()) {
                        List<String> strings = new ArrayList<>();
                        for (PoolEntry entry :
                                ClassFile.of().parse(in.readAllBytes()).constantPool()) {
                            if (entry instanceof StringEntry string) {
                                strings.add(string.stringValue());
                            }
                        }
                        return strings;
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + source.getUri(), e);
                    }
                })
                .orElse(List.of());
    }

    private static DescribedPredicate<JavaMethod> scheduled() {
        return DescribedPredicate.describe(
                "are @Scheduled", method -> method.isAnnotatedWith(SCHEDULED) || method.isAnnotatedWith(SCHEDULES));
    }

    private static DescribedPredicate<JavaMethod> notTransactionalThemselves() {
        return DescribedPredicate.describe("are not @Transactional themselves", method -> !isTransactional(method));
    }

    private static boolean isTransactional(JavaMethod method) {
        return TRANSACTIONAL.stream()
                .anyMatch(name -> method.isMetaAnnotatedWith(name)
                        || method.isAnnotatedWith(name)
                        || method.getOwner().isMetaAnnotatedWith(name)
                        || method.getOwner().isAnnotatedWith(name));
    }

    private static ArchCondition<JavaMethod> notCallTransactionalMethodsOfTheirOwnClass() {
        return new ArchCondition<>("not call a @Transactional method of their own class") {
            @Override
            public void check(JavaMethod scheduled, ConditionEvents events) {
                // Walks the calls to this class's own methods, so a private helper in between is no way around.
                JavaClass owner = scheduled.getOwner();
                Set<JavaMethod> seen = new HashSet<>(Set.of(scheduled));
                Deque<JavaMethod> toVisit = new ArrayDeque<>(List.of(scheduled));
                while (!toVisit.isEmpty()) {
                    for (JavaMethodCall call : toVisit.pop().getMethodCallsFromSelf()) {
                        if (!call.getTargetOwner().equals(owner)
                                && !owner.isAssignableTo(call.getTargetOwner().getName())) {
                            continue;
                        }
                        JavaMethod callee = call.getTarget().resolveMember().orElse(null);
                        if (callee == null || !seen.add(callee)) {
                            continue;
                        }
                        if (isTransactional(callee)) {
                            events.add(SimpleConditionEvent.violated(
                                    scheduled,
                                    scheduled.getFullName() + " calls @Transactional " + callee.getFullName()
                                            + " of its own class (" + call.getDescription() + ")"));
                        } else {
                            toVisit.push(callee);
                        }
                    }
                }
            }
        };
    }
}
