package com.healthmonitor.worker.check;

import com.healthmonitor.worker.result.CheckResult;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What the DNS and TCP checkers share once their exchange has thrown. */
final class CheckFailures {

    private CheckFailures() {}

    /**
     * An unanswered result for {@code e}; an interrupt is not the target's fault, so it ends the check instead (the
     * worker is stopping) and keeps the thread's interrupt flag.
     */
    static CheckResult unanswered(Exception e, Instant checkedAt, long start, Supplier<String> reason) {
        if (e instanceof InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new HttpChecker.CheckInterruptedException(interrupted);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new HttpChecker.CheckInterruptedException(new InterruptedException("check interrupted"));
        }
        return CheckResult.unanswered(checkedAt, millisSince(start), reason.get());
    }

    static int millisSince(long start) {
        return (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
