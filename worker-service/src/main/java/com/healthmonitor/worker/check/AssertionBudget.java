package com.healthmonitor.worker.check;

/**
 * What one check's assertions may spend on a body the target controls: time up to the check's deadline, and a
 * bounded number of JSONPath matches (the memory a scan like {@code $..*} may hold).
 *
 * <p>Nothing can pre-empt a running thread, so the evaluation itself asks: every step of a body search and of a
 * JSONPath walk ({@link BoundedJsonProvider}) calls {@link #step}, which throws once the deadline has passed or the
 * thread was interrupted. A step is a few nanoseconds of work plus one {@link System#nanoTime}, so a normal health
 * document costs microseconds more, and a hostile one stops at the deadline.
 */
final class AssertionBudget {

    /** JSONPath matches one assertion may collect (each holds its value and its path). */
    static final int MAX_MATCHES = 10_000;

    /** Characters of matched paths one assertion may collect (a deep document has long paths). */
    static final long MAX_MATCHED_PATH_CHARS = 4L << 20;

    /** Longest run of steps before the thread lets others run (see {@link #step}). */
    private static final long SLICE_NANOS = 2_000_000;

    private final long deadlineNanos;
    private long sliceStart = System.nanoTime();

    /** @param deadlineNanos the check's deadline, a {@link System#nanoTime} value */
    AssertionBudget(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Throws {@link OutOfTime} once the deadline has passed or the thread was interrupted; every couple of
     * milliseconds, yields. Checks run on virtual threads, which the JVM never pre-empts: without the yield, as many
     * hostile checks as there are cores would hold every carrier thread until their deadlines, and every other check
     * (and the worker's own listener) would wait.
     */
    void step() {
        long now = System.nanoTime();
        if (now - deadlineNanos > 0 || Thread.currentThread().isInterrupted()) {
            throw new OutOfTime();
        }
        if (now - sliceStart > SLICE_NANOS) {
            Thread.yield();
            sliceStart = System.nanoTime();
        }
    }

    /** Whether {@code value} occurs in {@code text}, searched in slices with a {@link #step} between them. */
    boolean contains(String text, String value) {
        if (value.isEmpty()) {
            return true;
        }
        // A search of a 1 MiB body for a 1000-character value may compare 10^9 characters (seconds): slices of 4 Ki
        // (overlapping by the value's length) keep the time between two steps to milliseconds.
        int slice = 1 << 12;
        for (int from = 0; from < text.length(); from += slice) {
            step();
            int end = (int) Math.min(text.length(), (long) from + slice + value.length() - 1);
            if (text.indexOf(value, from, end) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The deadline passed (or the check was interrupted) while the assertions ran. */
    static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super("assertions out of time", null, false, false);
        }
    }

    /** A JSONPath matched more than {@link #MAX_MATCHES} values (or paths too long to keep). */
    static final class TooManyMatches extends RuntimeException {
        TooManyMatches() {
            super("too many matches", null, false, false);
        }
    }
}
