package com.healthmonitor.worker.state;

/**
 * How many consecutive results of one kind change a monitor's status.
 *
 * @param failures consecutive failures that mark a monitor DOWN
 * @param successes consecutive successes that mark a monitor UP
 */
public record Thresholds(int failures, int successes) {

    public Thresholds {
        if (failures < 1) {
            throw new IllegalArgumentException("fail threshold must be at least 1, was " + failures);
        }
        if (successes < 1) {
            throw new IllegalArgumentException("success threshold must be at least 1, was " + successes);
        }
    }
}
