package io.warden.rules.inspect.path;

import io.warden.rules.inspect.Inspect;
import io.warden.rules.inspect.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TraversalDetectorTest {

    private final TraversalDetector detector = new TraversalDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "../../../../etc/passwd",
        "..\\..\\..\\windows\\win.ini",
        "..%2f..%2f..%2fetc%2fpasswd",
        "..%252f..%252f..%252fetc%252fpasswd",
        "%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "%uff0e%uff0e%u2215%uff0e%uff0e%u2215boot.ini",
        "/..;/..;/..;/WEB-INF/web.xml",
        "....//....//....//etc/shadow",
        "/etc/passwd",
        "/proc/self/environ",
        "C:\\Windows\\System32\\drivers\\etc\\hosts",
        "file:///etc/passwd",
        "boot.ini",
        "..%c1%9c..%c1%9c..%c1%9cboot.ini",
    })
    void traversalReachesTheDefaultThreshold(String payload) {
        assertThat(Inspect.score(detector, payload)).as("traversal must block: %s", payload)
                .isGreaterThanOrEqualTo(Inspect.threshold());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Does the property have a basement? ../ sorry, typo",
        "The path to the shared folder is C:\\Users\\agent\\Documents\\Listings\\2024 - can you read it?",
        "I saved the floor plan at /home/mike/docs/floorplan.pdf, does that help?",
        "wait... what? really...",
        "The URL is https://example.com/listings?id=42&ref=chat#photos",
        "Price per sq ft = total price / square footage, right?",
    })
    void chatPathsPass(String text) {
        assertThat(Inspect.score(detector, text)).as("honest text must pass: %s", text).isLessThan(Inspect.threshold());
    }

    @Test
    void sensitiveFilesAreNamedAsSuch() {
        assertThat(Inspect.run(detector, "/etc/shadow")).extracting(Inspect.Report::rule)
                .contains(Rule.TRAVERSAL_SENSITIVE_FILE);
    }
}
