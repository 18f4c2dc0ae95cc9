package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.worker.result.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.MDC;

/**
 * Runs the checks of a batch at the same time, each on a virtual thread and by the checker of its type, with at most
 * {@code limit} checks in flight across all batches of the worker: a batch of slow targets waits for permits instead
 * of opening connections without bound.
 */
public final class ConcurrentChecks implements AutoCloseable {

    private final Checkers checkers;
    private final Semaphore permits;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    ConcurrentChecks(Checkers checkers, int limit) {
        this.checkers = checkers;
        this.permits = new Semaphore(limit);
    }

    /** The results, in the requests' order; throws if a check could not run (e.g. the worker is shutting down). */
    public List<CheckResult> run(List<CheckRequest> requests) {
        List<Future<CheckResult>> running = new ArrayList<>(requests.size());
        for (CheckRequest request : requests) {
            running.add(threads.submit(() -> check(request)));
        }
        List<CheckResult> results = new ArrayList<>(requests.size());
        try {
            for (Future<CheckResult> result : running) {
                results.add(result.get());
            }
        } catch (InterruptedException e) {
            running.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new HttpChecker.CheckInterruptedException(e);
        } catch (ExecutionException e) {
            running.forEach(future -> future.cancel(true));
            throw switch (e.getCause()) {
                case RuntimeException cause -> cause;
                case InterruptedException cause -> new HttpChecker.CheckInterruptedException(cause);
                default -> new IllegalStateException(e.getCause());
            };
        }
        return results;
    }

    private CheckResult check(CheckRequest request) throws InterruptedException {
        permits.acquire();
        try (var monitor = MDC.putCloseable("monitor_id", Long.toString(request.monitorId()));
                var slot = MDC.putCloseable("slot", request.slot().toString())) {
            if (request.location() == null) {
                return checkers.check(request.target(), request.timeoutSeconds());
            }
            return ScopedValue.where(CheckLocation.CURRENT, request.location())
                    .call(() -> checkers.check(request.target(), request.timeoutSeconds()));
        } finally {
            permits.release();
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
