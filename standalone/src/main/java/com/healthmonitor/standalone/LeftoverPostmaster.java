package com.healthmonitor.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL runs in a session of its own (pg_ctl starts it so), so when the JVM dies without
 * closing it (kill -9, OOM killer) it keeps running on the data directory and the next start cannot use it. This
 * finds such a leftover through its {@code postmaster.pid} and shuts it down the way PostgreSQL is meant to be
 * shut down (pg_ctl's fast mode: committed data is on disk, the next start needs no recovery). A stale pid file
 * without a live postmaster is left to PostgreSQL, which recognises it; nothing in the directory is deleted.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private LeftoverPostmaster() {}

    static void stopIfRunning(Path dataDirectory) {
        Optional<ProcessHandle> postmaster = find(dataDirectory);
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle process = postmaster.get();
        log.warn(
                "[STANDALONE] PostgreSQL from an earlier run (pid {}) is still running on {}, most likely because"
                        + " the JVM was killed: shutting it down cleanly before starting",
                process.pid(),
                dataDirectory);
        boolean stopped = pgCtlStop(process, dataDirectory) || terminate(process);
        if (!stopped) {
            throw new IllegalStateException("PostgreSQL (pid " + process.pid() + ") on " + dataDirectory
                    + " did not stop within " + STOP_WAIT.toSeconds() + " s; stop it and start again");
        }
        log.info("[STANDALONE] the earlier PostgreSQL (pid {}) has shut down; its data is intact", process.pid());
    }

    /** The live postmaster named by the data directory's pid file, if there is one. */
    static Optional<ProcessHandle> find(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.getFirst().trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(LeftoverPostmaster::isPostgres);
        } catch (IOException | RuntimeException e) {
            // Half-written or unreadable: PostgreSQL itself decides whether the file is stale.
            return Optional.empty();
        }
    }

    /** The pid may have been reused by an unrelated process since the postmaster died; only a postgres counts. */
    private static boolean isPostgres(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                .orElse(false);
    }

    /** {@code pg_ctl stop -m fast}, with the pg_ctl next to the running postgres binary. */
    private static boolean pgCtlStop(ProcessHandle process, Path dataDirectory) {
        Optional<Path> pgCtl = process.info()
                .command()
                .map(command -> Path.of(command).resolveSibling("pg_ctl"))
                .filter(Files::isExecutable);
        if (pgCtl.isEmpty()) {
            return false;
        }
        try {
            Process stop = new ProcessBuilder(
                            pgCtl.get().toString(),
                            "-D",
                            dataDirectory.toString(),
                            "stop",
                            "-m",
                            "fast",
                            "-w",
                            "-t",
                            Long.toString(STOP_WAIT.toSeconds()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!stop.waitFor(STOP_WAIT.toSeconds() + 5, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
            }
            return !process.onExit()
                    .completeOnTimeout(process, 5, TimeUnit.SECONDS)
                    .join()
                    .isAlive();
        } catch (IOException e) {
            log.warn("[STANDALONE] pg_ctl stop failed ({}), sending SIGTERM instead", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM: PostgreSQL's "smart" shutdown, which the dead JVM's closed connections do not hold up. */
    private static boolean terminate(ProcessHandle process) {
        process.destroy();
        return !process.onExit()
                .completeOnTimeout(process, STOP_WAIT.toSeconds(), TimeUnit.SECONDS)
                .join()
                .isAlive();
    }
}
