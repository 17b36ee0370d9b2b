package io.warden.rules.config;

import io.warden.rules.inspect.InspectionSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InspectionConfigTest {

    private static List<ConfigProblem> problems(InspectionConfig config) {
        Problems p = new Problems();
        config.validate(p);
        return p.list();
    }

    @Test
    void theDefaultsBlockAtParanoiaTwoAndAreValid() {
        InspectionConfig defaults = InspectionConfig.defaults();
        assertThat(problems(defaults)).isEmpty();
        assertThat(defaults.mode()).as("inspection protects by default").isEqualTo(InspectionMode.BLOCK);
        assertThat(InspectionSettings.from(defaults).threshold()).isEqualTo(7);
    }

    @Test
    void badValuesAreReportedUnderTheirDottedKeys() {
        InspectionConfig bad = new InspectionConfig(InspectionMode.BLOCK, 7, 0, List.of(" "),
                List.of(new InspectionConfig.ExclusionRule("sqli.nonsense", "json:$.q"),
                        new InspectionConfig.ExclusionRule("xss", "")));
        assertThat(problems(bad)).extracting(ConfigProblem::key).contains("inspection.paranoia",
                "inspection.maxBodyBytes", "inspection.headers[0]", "inspection.exclusions[0]", "inspection.exclusions[1]");
    }

    @Test
    void exclusionsBecomeRouteSettings() {
        InspectionConfig config = new InspectionConfig(InspectionMode.DETECT, 3, 1024, List.of("X-Search"),
                List.of(new InspectionConfig.ExclusionRule("sqli", "json:$.sql")));
        InspectionSettings settings = InspectionSettings.from(config);
        assertThat(settings.mode()).isEqualTo(InspectionMode.DETECT);
        assertThat(settings.threshold()).isEqualTo(5);
        assertThat(settings.exclusions()).hasSize(1);
        assertThat(settings.headers()).containsExactly("X-Search");
    }
}
