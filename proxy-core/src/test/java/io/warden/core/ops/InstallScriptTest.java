package io.warden.core.ops;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** scripts/install.sh in its dry-run mode, into a temporary prefix, as an operator would try it. */
class InstallScriptTest {

    private static final String INSTALL = "scripts/install.sh";

    @TempDir
    Path dir;

    private Path root;
    private Path jar;

    @BeforeEach
    void fakeJar() throws Exception {
        root = dir.resolve("root");
        jar = Files.writeString(dir.resolve("warden.jar"), "not really a jar, version 1");
    }

    @Test
    void installsEveryFileWithItsModeAndARandomAdminToken() throws Exception {
        Scripts.Result result = install();
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("would run useradd --system", "would run systemctl daemon-reload");

        assertThat(mode("opt/warden/warden.jar")).isEqualTo("rw-r--r--");
        assertThat(Files.readString(root.resolve("opt/warden/warden.jar"))).isEqualTo("not really a jar, version 1");
        assertThat(root.resolve("opt/warden/docs/operations.md")).exists();
        assertThat(mode("etc/warden")).isEqualTo("rwxr-x---");
        assertThat(mode("etc/warden/warden.yaml")).isEqualTo("rw-r-----");
        assertThat(root.resolve("etc/warden/warden.yaml")).hasSameTextualContentAs(repo("conf/warden.yaml"));
        assertThat(mode("etc/warden/warden.env")).as("secrets: root only").isEqualTo("rw-------");
        assertThat(adminToken()).as("a random token of 64 hex digits").matches("[0-9a-f]{64}");
        assertThat(mode("etc/systemd/system/warden.service")).isEqualTo("rw-r--r--");
        assertThat(root.resolve("etc/systemd/system/warden.service")).hasSameTextualContentAs(repo("conf/warden.service"));
        assertThat(mode("var/lib/warden")).isEqualTo("rwxr-x---");
        assertThat(mode("var/log/warden")).isEqualTo("rwxr-x---");
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        install();
        Map<String, String> before = snapshot();
        Scripts.Result again = install();
        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("nothing changed").doesNotContain("created", "updated", "mode ");
        assertThat(snapshot()).as("contents, modes and modification times").isEqualTo(before);
    }

    @Test
    void anUpgradeReplacesTheJarAndKeepsTheOperatorsFiles() throws Exception {
        install();
        String token = adminToken();
        Files.writeString(root.resolve("etc/warden/warden.yaml"), "upstream:\n  url: http://10.0.0.5:8000\n");
        Files.setPosixFilePermissions(root.resolve("etc/warden/warden.env"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(jar, "not really a jar, version 2");

        Scripts.Result upgrade = install();
        assertThat(upgrade.output()).contains("updated   /opt/warden/warden.jar", "kept      /etc/warden/warden.yaml",
                "kept      /etc/warden/warden.env", "mode      /etc/warden/warden.env 0600");
        assertThat(Files.readString(root.resolve("opt/warden/warden.jar"))).isEqualTo("not really a jar, version 2");
        assertThat(Files.readString(root.resolve("etc/warden/warden.yaml"))).contains("10.0.0.5");
        assertThat(adminToken()).as("the token is never regenerated").isEqualTo(token);
        assertThat(mode("etc/warden/warden.env")).as("secrets made private again").isEqualTo("rw-------");
    }

    @Test
    void everyPathTheUnitNamesIsInstalled() throws Exception {
        install();
        String unit = Files.readString(root.resolve("etc/systemd/system/warden.service"));
        Matcher paths = Pattern.compile("(?<![\\w$])(/(?:opt|etc|var/lib|var/log)/warden[\\w./-]*)").matcher(unit);
        int checked = 0;
        while (paths.find()) {
            String path = paths.group(1);
            if (!path.startsWith("/opt/warden/docs")) {
                assertThat(root.resolve(path.substring(1))).as("the unit uses %s", path).exists();
                checked++;
            }
        }
        assertThat(checked).as("jar, config, env file, data and log directories").isGreaterThanOrEqualTo(5);
    }

    @Test
    void refusesWithoutABuiltJar() throws Exception {
        Scripts.Result result = Scripts.run(INSTALL, "--prefix", root.toString(), "--jar", dir.resolve("none.jar").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("build it first: ./mvnw -B -DskipTests package");
    }

    private Scripts.Result install() throws Exception {
        return Scripts.run(INSTALL, "--prefix", root.toString(), "--jar", jar.toString());
    }

    private String mode(String path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(path)));
    }

    private String adminToken() throws Exception {
        Matcher m = Pattern.compile("(?m)^WARDEN_ADMIN_TOKEN=(.*)$")
                .matcher(Files.readString(root.resolve("etc/warden/warden.env")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Path repo(String path) {
        return Scripts.REPOSITORY.resolve(path);
    }

    /** Every installed path with its mode, modification time and content digest. */
    private Map<String, String> snapshot() throws Exception {
        Map<String, String> out = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String digest = Files.isRegularFile(p) ? HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))) : "dir";
                out.put(root.relativize(p).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
                        + " " + Files.getLastModifiedTime(p) + " " + digest);
            }
        }
        return out;
    }
}
