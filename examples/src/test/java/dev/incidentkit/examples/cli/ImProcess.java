package dev.incidentkit.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code im} tool as a separate process, the way a user does, and collects what it printed. */
final class ImProcess {

    /** What one run printed and how it ended. */
    record Result(int exitCode, String out, String err) {}

    private final Path workDir;
    private final Map<String, String> environment;

    ImProcess(Path workDir, Map<String, String> environment) {
        this.workDir = workDir;
        this.environment = Map.copyOf(environment);
    }

    /** Starts {@code im args...}; the caller waits with {@link Running#result()}. */
    Running start(String... args) {
        try {
            Path out = Files.createTempFile(workDir, "im-out", ".txt");
            Path err = Files.createTempFile(workDir, "im-err", ".txt");
            ProcessBuilder builder = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile());
            return new Running(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start im", e);
        }
    }

    /** A process builder for {@code im args...} in this run's folder and environment, its streams left to the caller. */
    ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        // A command-line process lives for well under a second: start it the way such tools are started.
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Im.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("IM_"));
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs {@code im args...} to its end. */
    Result run(String... args) {
        return start(args).result();
    }

    /** A started {@code im} process. */
    static final class Running {
        private final Process process;
        private final Path out;
        private final Path err;

        Running(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        Result result() {
            try {
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("im did not end within 120 s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for im", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
