package io.warden.core.cli;

import ch.qos.logback.classic.LoggerContext;
import io.netty.util.ResourceLeakDetector;
import io.warden.core.config.ConfigException;
import io.warden.core.config.ConfigSource;
import io.warden.core.log.LoggingSetup;
import io.warden.core.server.CannotListenException;
import io.warden.core.server.Warden;
import io.warden.rules.config.ConfigProblem;
import io.warden.rules.config.WardenConfig;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import sun.misc.Signal;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar warden.jar}: runs Warden, or one of its subcommands. */
@Command(name = "warden", mixinStandardHelpOptions = true, versionProvider = WardenMain.Version.class,
        description = "Security sidecar: a reverse proxy that protects an HTTP/WebSocket backend.",
        subcommands = {CheckConfigCommand.class, HashPasswordCommand.class, EvalCorpusCommand.class, DemoCommand.class})
public final class WardenMain implements Callable<Integer> {

    static final int CONFIG_INVALID = 2;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // sampling leak detection costs ~1.5% CPU per request; tests run with it on at paranoid
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        int code = new CommandLine(new WardenMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ConfigSource source;
        WardenConfig config;
        try {
            source = new ConfigSource(options.configs, options.overrides(), System.getenv());
            config = source.load();
        } catch (ConfigException e) {
            printProblems(err, e);
            return CONFIG_INVALID;
        }
        try {
            LoggingSetup.apply(config.logging());
        } catch (RuntimeException e) {
            err.println("warden: cannot set up logging: " + e.getMessage());
            return CONFIG_INVALID;
        }
        Warden warden;
        try {
            warden = Warden.start(source);
        } catch (ConfigException e) {
            printProblems(err, e);
            return CONFIG_INVALID;
        } catch (IllegalArgumentException e) {
            err.println("warden: invalid configuration:\n  " + e.getMessage());
            return CONFIG_INVALID;
        } catch (CannotListenException e) {
            err.println("warden: " + e.getMessage());
            return 1;
        }
        // SIGHUP is the operator's "reload now"; the reload runs off the signal thread
        Signal.handle(new Signal("HUP"), signal -> new Thread(() -> warden.reload("SIGHUP"), "warden-reload").start());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            warden.shutdown();
            ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
            stopped.countDown();
        }, "warden-shutdown"));
        stopped.await();
        return 0;
    }

    static void printProblems(PrintWriter err, ConfigException e) {
        err.println("warden: invalid configuration:");
        for (ConfigProblem problem : e.problems()) {
            err.println("  " + problem);
        }
        err.flush();
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = WardenMain.class.getPackage().getImplementationVersion();
            return new String[] {"warden " + (version == null ? "development build" : version)};
        }
    }
}
