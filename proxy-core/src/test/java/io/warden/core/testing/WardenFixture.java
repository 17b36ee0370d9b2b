package io.warden.core.testing;

import io.warden.core.config.ConfigLoader;
import io.warden.core.config.ConfigSource;
import io.warden.core.server.Warden;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a real Warden on free ports in front of an upstream, configured through the real loader. */
public final class WardenFixture implements AutoCloseable {

    private final Warden warden;
    private final Path dataDir;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WardenFixture(Warden warden, Path dataDir) {
        this.warden = warden;
        this.dataDir = dataDir;
    }

    /** @param settings {@code key=value} overrides, values read as YAML, like {@code --set} */
    public static WardenFixture start(String upstreamUrl, String... settings) throws Exception {
        return start(upstreamUrl, Map.of(), settings);
    }

    public static WardenFixture start(String upstreamUrl, Map<String, String> env, String... settings)
            throws Exception {
        return start(upstreamUrl, List.of(), env, settings);
    }

    /** With config files, which {@code warden().reload(...)} and the file watcher read again. */
    public static WardenFixture start(String upstreamUrl, List<Path> files, Map<String, String> env,
                                      String... settings) throws Exception {
        return start(upstreamUrl, files, env, new ManualTime(), Files.createTempDirectory("warden-test"), false,
                settings);
    }

    /** On a clock the test moves, and a data directory it chooses (to start again on the same state). */
    public static WardenFixture start(String upstreamUrl, ManualTime time, Path dataDir, String... settings)
            throws Exception {
        return start(upstreamUrl, List.of(), Map.of(), time, dataDir, true, settings);
    }

    private static WardenFixture start(String upstreamUrl, List<Path> files, Map<String, String> env, ManualTime time,
                                       Path dataDir, boolean manualTime, String... settings) throws Exception {
        List<ConfigLoader.Override> overrides = new ArrayList<>();
        overrides.add(new ConfigLoader.Override("upstream.url", upstreamUrl, false));
        overrides.add(new ConfigLoader.Override("listen.http", "127.0.0.1:0", false));
        overrides.add(new ConfigLoader.Override("admin.listen", "127.0.0.1:0", false));
        overrides.add(new ConfigLoader.Override("dataDir", dataDir.toString(), false));
        overrides.add(new ConfigLoader.Override("logging.accessLog", "false", true));
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            overrides.add(new ConfigLoader.Override(setting.substring(0, eq), setting.substring(eq + 1), true));
        }
        ConfigSource source = new ConfigSource(files, overrides, env);
        Warden warden = manualTime ? Warden.start(source, time, time) : Warden.start(source);
        return new WardenFixture(warden, dataDir);
    }

    public Warden warden() {
        return warden;
    }

    public int port() {
        return warden.httpPort();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public URI adminUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + warden.adminPort() + pathAndQuery);
    }

    public HttpClient client() {
        return client;
    }

    public HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        warden.shutdown();
    }
}
