package io.warden.core.ops;

import io.warden.core.server.Lifecycle;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs where the tests run, so the image is never built here: these tests hold
 * the Dockerfile to its rules statically through scripts/check-dockerfile.sh, and prove that the
 * script catches each kind of mistake.
 */
class DockerfileCheckTest {

    private static final String CHECK = "scripts/check-dockerfile.sh";
    private static final String PROBE = "conf/docker/healthcheck.sh";

    @TempDir
    Path dir;

    @Test
    void theDockerfileKeepsEveryRule() throws Exception {
        Scripts.Result result = Scripts.run(CHECK);
        assertThat(result.output()).doesNotContain("FAIL").contains(
                "ok    multi-stage build",
                "ok    runs as a non-root user",
                "ok    EXPOSE 8080 9090 = listen.http (0.0.0.0:8080) and admin.listen (0.0.0.0:9090)",
                "ok    HEALTHCHECK present",
                "ok    ENTRYPOINT in exec form");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void floatingBaseImagesAreRefused() throws Exception {
        assertFails(dockerfile().replace("eclipse-temurin:17.0.17_10-jre-noble", "eclipse-temurin:latest"),
                "base image not pinned to a version: eclipse-temurin:latest");
        assertFails(dockerfile().replace("eclipse-temurin:17.0.17_10-jre-noble", "eclipse-temurin:17-jre"),
                "base image not pinned to a version: eclipse-temurin:17-jre (tag '17-jre' moves");
        assertFails(dockerfile().replace("FROM maven:3.9.11-eclipse-temurin-17", "FROM --platform=$BUILDPLATFORM maven"),
                "base image not pinned: maven has no tag");
    }

    @Test
    void aDigestPinsToo() throws Exception {
        Scripts.Result result = check(dockerfile().replace("eclipse-temurin:17.0.17_10-jre-noble",
                "eclipse-temurin@sha256:" + "a".repeat(64)));
        assertThat(result.output()).contains("ok    base image pinned by digest");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void rootOrNoUserIsRefused() throws Exception {
        assertFails(dockerfile().replace("USER 10001:10001", "USER root"), "USER root: the image must not run as root");
        assertFails(dockerfile().replace("USER 10001:10001", "USER 0:0"), "USER 0: the image must not run as root");
        assertFails(dockerfile().replace("USER 10001:10001", ""), "no USER in the final stage");
    }

    @Test
    void exposedPortsMustBeTheConfiguredOnes() throws Exception {
        assertFails(dockerfile().replace("EXPOSE 8080 9090", "EXPOSE 8081"),
                "EXPOSE '8081' differs from the configured ports '8080 9090'");
    }

    @Test
    void healthcheckStopSignalAndExecFormAreRequired() throws Exception {
        String noHealthcheck = dockerfile().replaceAll("(?m)^HEALTHCHECK .*$", "");
        assertFails(noHealthcheck, "no HEALTHCHECK CMD in the final stage");
        assertFails(dockerfile().replace("STOPSIGNAL SIGTERM", "STOPSIGNAL SIGKILL"), "STOPSIGNAL SIGTERM expected");
        assertFails(dockerfile().replace("ENTRYPOINT [\"java\", \"-jar\", \"/opt/warden/warden.jar\"]",
                "ENTRYPOINT java -jar /opt/warden/warden.jar"), "ENTRYPOINT must be in exec form");
        assertFails(dockerfile().replace("VOLUME [\"/var/lib/warden\"]", "VOLUME /data"),
                "VOLUME should hold the configured dataDir /var/lib/warden");
    }

    @Test
    void aSingleStageBuildIsRefused() throws Exception {
        String text = dockerfile();
        String runtimeOnly = text.substring(text.indexOf("FROM eclipse-temurin"))
                .replace("COPY --from=build /src/proxy-core/target/warden.jar", "COPY proxy-core/target/warden.jar");
        assertFails(runtimeOnly, "a multi-stage build is expected");
    }

    @Test
    void healthcheckProbeFollowsTheAdminHealthStatus() throws Exception {
        try (TestUpstream upstream = new TestUpstream()) {
            WardenFixture warden = WardenFixture.start(upstream.url());
            Map<String, String> port = Map.of("WARDEN_ADMIN_PORT", String.valueOf(warden.warden().adminPort()));
            assertThat(Scripts.run(port, PROBE).exitCode()).as("serving: healthy").isZero();
            warden.warden().lifecycle().moveTo(Lifecycle.Phase.DRAINING);
            assertThat(Scripts.run(port, PROBE).exitCode()).as("draining: unhealthy").isNotZero();
            warden.close();
            assertThat(Scripts.run(port, PROBE).exitCode()).as("stopped: unhealthy").isNotZero();
        }
    }

    private void assertFails(String dockerfileText, String message) throws Exception {
        Scripts.Result result = check(dockerfileText);
        assertThat(result.output()).contains("FAIL  " + message);
        assertThat(result.exitCode()).isEqualTo(1);
    }

    private Scripts.Result check(String dockerfileText) throws Exception {
        Path file = Files.writeString(dir.resolve("Dockerfile"), dockerfileText);
        return Scripts.run(CHECK, file.toString());
    }

    private static String dockerfile() throws Exception {
        return Files.readString(Scripts.REPOSITORY.resolve("Dockerfile"));
    }
}
