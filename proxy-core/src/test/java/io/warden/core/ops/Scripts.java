package io.warden.core.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the repository's shell scripts from tests, as an operator would. */
final class Scripts {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    record Result(int exitCode, String output) {
    }

    private Scripts() {
    }

    static Result run(Map<String, String> environment, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", REPOSITORY.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPOSITORY.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static Result run(String script, String... args) throws IOException, InterruptedException {
        return run(Map.of(), script, args);
    }
}
