package io.warden.core.config;

import io.warden.rules.config.Environment;
import io.warden.rules.config.InspectionMode;
import io.warden.rules.config.WardenConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void noFilesGiveTheDefaults() throws Exception {
        WardenConfig config = loader.load(List.of(), List.of());
        assertThat(config).isEqualTo(WardenConfig.defaults());
        assertThat(config.limits().maxRequestBodyBytes()).isEqualTo(10_485_760);
        assertThat(config.rateLimit().anonymousPerMinute()).isEqualTo(100);
    }

    @Test
    void laterFilesOverrideEarlierOnesKeyByKey() throws Exception {
        Path base = write("base.yaml", """
                upstream:
                  url: http://10.0.0.5:8000
                  responseTimeout: 30s
                rateLimit:
                  anonymousPerMinute: 50
                """);
        Path site = write("site.yaml", """
                upstream:
                  responseTimeout: 2m
                """);
        WardenConfig config = loader.load(List.of(base, site), List.of());
        assertThat(config.upstream().url()).as("kept from the first file").isEqualTo("http://10.0.0.5:8000");
        assertThat(config.upstream().responseTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.rateLimit().anonymousPerMinute()).isEqualTo(50);
        assertThat(config.rateLimit().authenticatedPerMinute()).as("untouched keys keep defaults").isEqualTo(1000);
    }

    @Test
    void environmentOverridesFilesAndOptionsOverrideEnvironment() throws Exception {
        Path file = write("a.yaml", "upstream:\n  url: http://file:8000\ninspection:\n  mode: detect\n");
        ConfigLoader withEnv = new ConfigLoader(Map.of(
                "WARDEN_UPSTREAM_URL", "http://env:8000",
                "SECURITY_ENVIRONMENT", "staging",
                "WARDEN_ADMIN_TOKEN", "t".repeat(16) + "0123456789abcdef"));
        WardenConfig config = withEnv.load(List.of(file), List.of(
                new ConfigLoader.Override("environment", "production", false),
                new ConfigLoader.Override("rateLimit.allowList", "[127.0.0.0/8, '::1']", true)));
        assertThat(config.upstream().url()).isEqualTo("http://env:8000");
        assertThat(config.environment()).isEqualTo(Environment.PRODUCTION);
        assertThat(config.inspection().mode()).isEqualTo(InspectionMode.DETECT);
        assertThat(config.rateLimit().allowList()).containsExactly("127.0.0.0/8", "::1");
    }

    @Test
    void anUnquotedOffIsOffThoughYamlReadsItAsFalse() throws Exception {
        Path file = write("off.yaml", "inspection:\n  mode: off\nrateLimit:\n  mode: off\n");
        WardenConfig config = loader.load(List.of(file), List.of());
        assertThat(config.inspection().mode()).isEqualTo(InspectionMode.OFF);
        assertThat(config.rateLimit().mode()).isEqualTo(io.warden.rules.config.LimitMode.OFF);
    }

    @Test
    void unknownKeyIsRefusedByName() throws Exception {
        Path file = write("typo.yaml", "rateLimit:\n  anonymousPerMinut: 10\n");
        assertThatThrownBy(() -> loader.load(List.of(file), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rateLimit.anonymousPerMinut: unknown key")
                .hasMessageContaining("anonymousPerMinute");
    }

    @Test
    void invalidValuesAreRefusedByKey() {
        assertThatThrownBy(() -> loader.load(List.of(), List.of(
                new ConfigLoader.Override("upstream.responseTimeout", "soon", true))))
                .hasMessageContaining("upstream.responseTimeout");
        assertThatThrownBy(() -> loader.load(List.of(), List.of(
                new ConfigLoader.Override("trustedProxies", "[10.0.0.0/33]", true))))
                .hasMessageContaining("trustedProxies[0]");
        assertThatThrownBy(() -> loader.load(List.of(), List.of(
                new ConfigLoader.Override("inspection.mode", "maybe", true))))
                .hasMessageContaining("inspection.mode").hasMessageContaining("block, detect or off");
        assertThatThrownBy(() -> loader.load(List.of(), List.of(
                new ConfigLoader.Override("upstream.url", "ftp://x", false))))
                .hasMessageContaining("upstream.url");
        assertThatThrownBy(() -> loader.load(List.of(), List.of(
                new ConfigLoader.Override("limits.maxRequestBodyBytes", "lots", true))))
                .hasMessageContaining("limits.maxRequestBodyBytes");
    }

    @Test
    void productionRefusesToStartWithoutAStrongAdminToken() {
        assertThatThrownBy(() -> loader.load(List.of(), List.of(
                new ConfigLoader.Override("environment", "production", false))))
                .hasMessageContaining("admin.token: is required in production");
        assertThatThrownBy(() -> loader.load(List.of(), List.of(
                new ConfigLoader.Override("environment", "production", false),
                new ConfigLoader.Override("admin.token", "short", false))))
                .hasMessageContaining("admin.token: must be at least 32 characters")
                .hasMessageNotContaining("short");
    }

    @Test
    void brokenYamlNamesTheFileAndLine() throws Exception {
        Path file = write("broken.yaml", "upstream:\n  url: [unclosed\n");
        assertThatThrownBy(() -> loader.load(List.of(file), List.of()))
                .hasMessageContaining("broken.yaml").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> loader.load(List.of(dir.resolve("missing.yaml")), List.of()))
                .hasMessageContaining("missing.yaml: no such file");
    }

    @Test
    void shippedDefaultConfigIsValid() throws Exception {
        Path shipped = Path.of("..", "conf", "warden.yaml");
        assertThat(loader.load(List.of(shipped), List.of()))
                .as("conf/warden.yaml documents the defaults; it must load as they are")
                .isEqualTo(WardenConfig.defaults());
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
