package io.warden.rules.monitor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComplianceReportTest {

    @Test
    void csvCellsAreQuotedAndFormulasDefused() {
        assertThat(ComplianceReport.cell("plain")).isEqualTo("plain");
        assertThat(ComplianceReport.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(ComplianceReport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ComplianceReport.cell("=HYPERLINK(\"http://x\")"))
                .as("an attacker-chosen reason must not run as a spreadsheet formula")
                .startsWith("\"'=HYPERLINK(");
        assertThat(ComplianceReport.cell("+1")).isEqualTo("'+1");
        assertThat(ComplianceReport.cell(null)).isEmpty();
    }
}
