package com.healthmonitor.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One deployable started from its repackaged jar as a process of its own, as its container starts it: {@code java
 * -jar}, configured only through environment variables. Its console output goes to a file, whose tail failure
 * messages quote.
 */
final class JarProcess implements AutoCloseable {

    private static final int TAIL_LINES = 80;

    private final String name;
    private final Process process;
    private final Path log;

    private JarProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar <jar>} with exactly {@code environment}, nothing inherited. */
    static JarProcess start(String name, Path jar, Path logDirectory, Map<String, String> environment) {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " does not exist: build it first (./mvnw -pl system-tests -am verify)");
        }
        List<String> command = new ArrayList<>(List.of(
                java().toString(),
                // Small heaps and C1 only: four JVMs share a small machine, and start-up matters more than peak speed.
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError",
                "-jar",
                jar.toString()));
        return start(name, command, logDirectory, environment);
    }

    /** Runs {@code command} (a launcher that ends by exec'ing the JVM) with exactly {@code environment}. */
    static JarProcess start(String name, List<String> command, Path logDirectory, Map<String, String> environment) {
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .directory(logDirectory.toFile());
            // A developer's own DATABASE_URL or JAVA_TOOL_OPTIONS must not leak into the service.
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            // Never outlive the test JVM, even when it ends without running @AfterEach.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-kill"));
            return new JarProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** The JDK running the tests: the one the build used. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended within {@code atMost}. */
    OptionalInt awaitExit(Duration atMost) {
        try {
            return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)
                    ? OptionalInt.of(process.exitValue())
                    : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The process's console output so far. */
    List<String> lines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /** The last lines of the process's console output, headed by its state, for failure messages. */
    String tail() {
        String state = process.isAlive() ? "running" : "exited with " + process.exitValue();
        List<String> lines;
        try {
            lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        } catch (IOException e) {
            return "--- " + name + " (" + state + "): could not read " + log + ": " + e;
        }
        return "--- " + name + " (" + state + "), last " + Math.min(TAIL_LINES, lines.size()) + " lines of " + log
                + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    /** Asks the service to stop as ECS does (SIGTERM), without waiting. */
    void requestStop() {
        process.destroy();
    }

    /** Asks the service to stop, then kills it if it has not stopped after a while. */
    @Override
    public void close() {
        requestStop();
        if (awaitExit(Duration.ofSeconds(20)).isEmpty()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
