package io.warden.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentVariablesDocTest {

    @Test
    void everyEnvironmentVariableTheLoaderReadsIsInTheReference() throws Exception {
        String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
        ConfigLoader.ENVIRONMENT_KEYS.forEach((variable, key) -> assertThat(reference)
                .as("docs/configuration.md's environment table must have the row for %s", variable)
                .contains("| `" + variable + "` | `" + key + "` |"));
    }
}
