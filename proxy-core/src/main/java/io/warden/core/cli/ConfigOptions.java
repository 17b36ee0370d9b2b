package io.warden.core.cli;

import io.warden.core.config.ConfigException;
import io.warden.core.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The contract's configuration options, shared by running Warden and by {@code check-config}. */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file; repeatable, later files override earlier ones key by key")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "listen.http")
    String listen;

    @Option(names = "--upstream", paramLabel = "URL", description = "upstream.url")
    String upstream;

    @Option(names = "--admin-listen", paramLabel = "HOST:PORT", description = "admin.listen")
    String adminListen;

    @Option(names = "--environment", paramLabel = "NAME", description = "development, staging or production")
    String environment;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "dataDir")
    String dataDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "set a dotted key, the value read as YAML, e.g. --set 'rateLimit.allowList=[127.0.0.0/8]'")
    List<String> sets = new ArrayList<>();

    List<ConfigLoader.Override> overrides() throws ConfigException {
        List<ConfigLoader.Override> out = new ArrayList<>();
        literal(out, "listen.http", listen);
        literal(out, "upstream.url", upstream);
        literal(out, "admin.listen", adminListen);
        literal(out, "environment", environment);
        literal(out, "dataDir", dataDir);
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set", "expected KEY=VALUE, got '" + set + "'");
            }
            out.add(new ConfigLoader.Override(set.substring(0, eq).trim(), set.substring(eq + 1), true));
        }
        return out;
    }

    private static void literal(List<ConfigLoader.Override> out, String key, String value) {
        if (value != null) {
            out.add(new ConfigLoader.Override(key, value, false));
        }
    }
}
