package io.warden.rules.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingConfigTest {

    @Test
    void sizesReadTheOperatorsSpelling() {
        assertThat(LoggingConfig.bytes("512KB")).isEqualTo(512 * 1024);
        assertThat(LoggingConfig.bytes("100mb")).isEqualTo(100L * 1024 * 1024);
        assertThat(LoggingConfig.bytes("1 GB")).isEqualTo(1L << 30);
        assertThat(LoggingConfig.bytes("4096")).isEqualTo(4096);
        assertThat(LoggingConfig.defaults().maxFileSizeBytes()).isEqualTo(100L << 20);
    }

    @Test
    void badValuesNameTheirKey() {
        WardenConfig bad = ConfigFixtures.with(
                "logging.file", " ",
                "logging.maxFileSize", "huge",
                "logging.maxHistory", 0,
                "logging.totalSizeCap", "10 parsecs");
        assertThat(bad.validate()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "logging.file", "logging.maxFileSize", "logging.maxHistory", "logging.totalSizeCap");
        assertThat(bad.validate().toString()).contains("expected a size such as 512KB, 100MB or 1GB, got 'huge'");
    }

    @Test
    void theCapMustHoldAtLeastOneFile() {
        assertThat(ConfigFixtures.with("logging.maxFileSize", "512", "logging.totalSizeCap", "1GB").validate())
                .extracting(ConfigProblem::toString).containsExactly("logging.maxFileSize: must be at least 1KB, got '512'");
        assertThat(ConfigFixtures.with("logging.maxFileSize", "200MB", "logging.totalSizeCap", "100MB").validate())
                .extracting(ConfigProblem::key).containsExactly("logging.totalSizeCap");
    }
}
