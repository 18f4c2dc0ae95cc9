package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.worker.result.CheckResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The worker's checkers, one per target type: a check goes to the one of its type. */
final class Checkers {

    private final Map<Class<?>, Checker<?>> byType = new HashMap<>();

    Checkers(List<Checker<?>> checkers) {
        for (Checker<?> checker : checkers) {
            if (byType.put(checker.targetType(), checker) != null) {
                throw new IllegalArgumentException(
                        "two checkers of " + checker.targetType().getSimpleName());
            }
        }
    }

    CheckResult check(CheckTarget target, int timeoutSeconds) {
        return run(checkerOf(target), target, timeoutSeconds);
    }

    private Checker<?> checkerOf(CheckTarget target) {
        Checker<?> checker = byType.get(target.getClass());
        if (checker == null) {
            throw new IllegalStateException("no checker for " + target.type().id() + " monitors");
        }
        return checker;
    }

    private static <T extends CheckTarget> CheckResult run(Checker<T> checker, CheckTarget target, int timeoutSeconds) {
        return checker.check(checker.targetType().cast(target), timeoutSeconds);
    }
}
