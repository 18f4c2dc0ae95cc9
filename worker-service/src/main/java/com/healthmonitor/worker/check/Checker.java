package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.worker.result.CheckResult;

/**
 * Runs the checks of one monitor type. Each implementation bounds its whole check by the timeout, names the cause of a
 * failure in {@link CheckResult#error()}, sets {@link CheckResult#responded()} when the target answered (only such
 * checks have a latency in the statistics), and throws {@link HttpChecker.CheckInterruptedException} when the worker
 * is shutting down (the check then has no result). {@link Checkers} picks the one for a target's type.
 *
 * @param <T> the target type it checks
 */
interface Checker<T extends CheckTarget> {

    Class<T> targetType();

    CheckResult check(T target, int timeoutSeconds);
}
