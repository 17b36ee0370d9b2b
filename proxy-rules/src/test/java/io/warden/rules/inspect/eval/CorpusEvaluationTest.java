package io.warden.rules.inspect.eval;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The detection targets on the dev corpus, in each of the three placements, at the default
 * settings: a regression in detection or in false alarms fails the build.
 */
class CorpusEvaluationTest {

    private static final Map<String, Double> DETECTION_TARGETS = Map.of(
            "sqli", 0.98, "xss", 0.98, "traversal", 0.97, "cmdi", 0.92);
    private static final double BENIGN_LIMIT = 0.005;
    private static final double HANDWRITTEN_LIMIT = 0.01;

    private static Path dev;
    private static CorpusEvaluation evaluation;

    @BeforeAll
    static void locateCorpus() {
        dev = CorpusLocation.devDirectory().orElse(null);
        if (dev == null) {
            fail("the evaluation corpus was not found: expected a shared/corpus/dev directory next to the "
                    + "working directory or one of its parents, or -D" + CorpusLocation.PROPERTY + "=<dir>");
        }
        evaluation = CorpusEvaluation.standard();
    }

    @Test
    void everyAttackClassMeetsItsDetectionTargetInEveryPlacement() throws IOException {
        for (Map.Entry<String, Double> target : DETECTION_TARGETS.entrySet()) {
            ClassResult result = evaluation.evaluate(target.getKey(), true, lines(dev.resolve(target.getKey() + ".txt")));
            for (Placement p : Placement.values()) {
                assertThat(result.rate(p))
                        .as("%s detection as %s (missed e.g. %s)", target.getKey(), p.label(), sample(result, p))
                        .isGreaterThanOrEqualTo(target.getValue());
            }
        }
    }

    @Test
    void benignLinesAreRarelyFlagged() throws IOException {
        ClassResult result = evaluation.evaluate("benign", false, lines(dev.resolve("benign.txt")));
        for (Placement p : Placement.values()) {
            assertThat(result.rate(p))
                    .as("benign lines flagged as %s: real users would be blocked (e.g. %s)", p.label(), sample(result, p))
                    .isLessThanOrEqualTo(BENIGN_LIMIT);
        }
    }

    @Test
    void handWrittenRealEstateChatIsAlmostNeverFlagged() throws IOException {
        Path handwritten = dev.resolveSibling("src").resolve("realestate-chat-handwritten.txt");
        assertThat(handwritten).as("the hand-written chat file sits next to dev/").exists();
        ClassResult result = evaluation.evaluate("realestate-chat", false, lines(handwritten));
        for (Placement p : Placement.values()) {
            assertThat(result.rate(p))
                    .as("hand-written chat flagged as %s: the product's own users (e.g. %s)", p.label(), sample(result, p))
                    .isLessThanOrEqualTo(HANDWRITTEN_LIMIT);
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
    }

    private static List<String> sample(ClassResult result, Placement p) {
        List<String> wrong = result.surprises().get(p);
        return wrong.subList(0, Math.min(5, wrong.size()));
    }
}
