package io.warden.core.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Warden in its own JVM, started through its real main, for tests that need a small heap or signals. */
public final class WardenProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private WardenProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static WardenProcess start(List<String> jvmArgs, String... args) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("warden-process", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.warden.core.cli.WardenMain");
        command.add("--listen");
        command.add("127.0.0.1:" + port);
        command.add("--admin-listen");
        command.add("127.0.0.1:0");
        command.add("--data-dir");
        command.add(Files.createTempDirectory("warden-process-data").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        WardenProcess started = new WardenProcess(process, port, log);
        started.awaitListening();
        return started;
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("warden exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("warden did not start listening:\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
