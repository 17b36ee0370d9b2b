package io.warden.core.ops;

import io.warden.rules.config.ServerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** conf/warden.service: its hardening, and systemd's own checks where systemd-analyze is installed. */
class SystemdUnitTest {

    private static final Path UNIT = Scripts.REPOSITORY.resolve("conf/warden.service");

    @Test
    void unitIsHardenedAndDrains() throws Exception {
        List<String> lines = Files.readAllLines(UNIT);
        assertThat(lines).contains(
                "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                "CapabilityBoundingSet=", "AmbientCapabilities=", "User=warden",
                "ReadWritePaths=/var/lib/warden -/var/log/warden", "Restart=on-failure",
                "ExecReload=/bin/kill -HUP $MAINPID", "EnvironmentFile=/etc/warden/warden.env",
                "KillSignal=SIGTERM", "SuccessExitStatus=143");
        assertThat(lines).as("the JIT compiler needs writable, executable memory")
                .noneMatch(l -> l.startsWith("MemoryDenyWriteExecute="));
        assertThat(lines).filteredOn(l -> l.startsWith("ExecStart=")).singleElement().asString()
                .contains("-jar /opt/warden/warden.jar", "--config /etc/warden/warden.yaml", "--data-dir /var/lib/warden");
        int stopSeconds = Integer.parseInt(value(lines, "TimeoutStopSec"));
        assertThat(stopSeconds).as("systemd must wait out the drain before SIGKILL")
                .isGreaterThan((int) ServerConfig.defaults().drainTimeout().toSeconds());
    }

    @Test
    void systemdAnalyzeVerifiesTheUnit() throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed here");
        Scripts.Result result = command("systemd-analyze", "verify", UNIT.toString());
        assertThat(result.output()).as("systemd-analyze verify prints nothing for a clean unit").isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void systemdAnalyzeScoresTheSandboxOk() throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed here");
        Scripts.Result result = command("systemd-analyze", "security", "--offline=true", "--no-pager", UNIT.toString());
        assumeTrue(result.exitCode() == 0, "this systemd-analyze cannot score units offline: " + result.output());
        Matcher exposure = Pattern.compile("Overall exposure level for warden.service: (\\d+\\.\\d+)")
                .matcher(result.output());
        assertThat(exposure.find()).as(result.output()).isTrue();
        assertThat(Double.parseDouble(exposure.group(1))).as("exposure, 0 (best) to 10; 1.1 when written")
                .isLessThanOrEqualTo(2.0);
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow()
                .substring(key.length() + 1);
    }

    private static boolean onPath(String program) throws Exception {
        return command("sh", "-c", "command -v " + program).exitCode() == 0;
    }

    private static Scripts.Result command(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        return new Scripts.Result(process.waitFor(), output);
    }
}
