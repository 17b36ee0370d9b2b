package io.warden.rules.inspect;

import io.warden.rules.inspect.eval.Placement;
import io.warden.rules.inspect.eval.SyntheticRequests;
import io.warden.rules.inspect.normalize.NormalizedValue;
import io.warden.rules.inspect.normalize.Normalizer;
import io.warden.rules.inspect.normalize.Transport;
import io.warden.rules.inspect.nosql.NoSqlOperatorDetector;
import io.warden.rules.inspect.path.TraversalDetector;
import io.warden.rules.inspect.shell.CommandInjectionDetector;
import io.warden.rules.inspect.sql.SqlInjectionDetector;
import io.warden.rules.inspect.xss.XssDetector;
import io.warden.rules.pipeline.RequestBody;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a client sends, inspection answers: no exception escapes a detector, normalised views
 * never grow past the input, and what reaches an event stays short. Inputs are random text over
 * the characters the decoders and tokenisers react to, and floods built to make a careless
 * scanner backtrack or recurse.
 */
class RobustnessProperties {

    private static final List<Detector> DETECTORS = List.of(new SqlInjectionDetector(), new XssDetector(),
            new TraversalDetector(), new CommandInjectionDetector(), new NoSqlOperatorDetector());
    private static final InspectionEngine ENGINE = InspectionEngine.standard();

    /** Pieces the decoders and tokenisers treat specially. */
    private static final String[] PIECES = {"%", "%25", "%2", "%u00", "%c0%ae", "%e0%80%ae", "%00", "+", "&#", "&#x",
        "&lt", "&amp;", ";", "&", "\\u00", "\\x3c", "\\", "'", "\"", "`", "<", ">", "</", "(", ")", "[", "]", "{", "}",
        "--", "/*", "*/", "#", "$(", "${IFS}", "|", "||", "..", "../", "..\\", "/", "=", ":", "union", "select", "or",
        "1", "0x", "script", "on", "javascript:", "\u0000", "\n", "\uff1c", "\ud83d", "\ude00", "é", " ", "a", "+ADw-"};

    @Provide
    Arbitrary<String> adversarial() {
        return Arbitraries.of(PIECES).list().ofMaxSize(200).map(pieces -> String.join("", pieces));
    }

    /** One construct repeated many times: the inputs that make backtracking or recursion blow up. */
    @Provide
    Arbitrary<String> floods() {
        Arbitrary<String> unit = Arbitraries.of("%25", "%2525", "&#", "&#x26;", "&amp;", "'", "\"", "'\"", "(",
                "(select ", "union select ", "<a ", "<", "<!--", "<script>", "/*", "--", "${", "$(", "`", "\\",
                "../", "..%2f", ";id|", "{{", "[", "{\"a\":", "a'||'", " or 1=1", "\\u00");
        return Combinators.combine(unit, Arbitraries.integers().between(1, 20_000))
                .as((u, n) -> u.repeat(n));
    }

    @Property(tries = 300)
    void normalisationNeverThrowsAndNeverGrows(@ForAll("adversarial") String raw) {
        for (Transport transport : Transport.values()) {
            NormalizedValue v = Normalizer.normalize(raw, transport);
            assertThat(v.text().length()).as("the text view is bounded by the input").isLessThanOrEqualTo(raw.length());
            assertThat(v.markup().length()).as("the markup view is bounded by the input").isLessThanOrEqualTo(raw.length());
        }
    }

    @Property(tries = 300)
    void detectorsNeverThrowOnAdversarialText(@ForAll("adversarial") String raw) {
        assertDetectorsCope(raw);
    }

    @Property(tries = 60)
    void detectorsNeverThrowOnFloods(@ForAll("floods") String raw) {
        assertDetectorsCope(raw);
        assertThat(Normalizer.normalize(raw, Transport.FORM).text().length()).isLessThanOrEqualTo(raw.length());
    }

    @Property(tries = 200)
    void theEngineAnswersEveryPlacementWithShortFindings(@ForAll("adversarial") String raw,
                                                           @ForAll Placement placement) {
        SyntheticRequests.Request request = SyntheticRequests.of(placement, raw, 1);
        InspectionSettings settings = InspectionSettings.defaults();
        assertVerdictIsSane(ENGINE.inspectHead(request.context(), settings));
        if (request.body() != null) {
            assertVerdictIsSane(ENGINE.inspectBody(request.context(), request.body(), settings));
        }
    }

    @Property(tries = 200)
    void arbitraryBytesInAnyBodyTypeAreAVerdictNotAnException(
            @ForAll byte[] bytes,
            @ForAll("contentTypes") String contentType) {
        SyntheticRequests.Request request = SyntheticRequests.of(Placement.JSON, "", 1);
        assertVerdictIsSane(ENGINE.inspectBody(request.context(), new RequestBody(contentType, bytes),
                InspectionSettings.defaults()));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b",
                "multipart/form-data", "text/plain", "application/xml");
    }

    @Property(tries = 40)
    void deeplyNestedJsonIsRefusedNotRecursedInto(@ForAll @IntRange(min = 1, max = 100_000) int depth,
                                                  @ForAll boolean objects) {
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        byte[] json = (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
        SyntheticRequests.Request request = SyntheticRequests.of(Placement.JSON, "", 1);
        InspectionVerdict verdict = ENGINE.inspectBody(request.context(), new RequestBody("application/json", json),
                InspectionSettings.defaults());
        assertVerdictIsSane(verdict);
        if (depth > InspectionEngine.MAX_JSON_DEPTH) {
            assertThat(verdict.bodyProblem()).as("nesting beyond the limit is refused").isNotNull();
        }
    }

    @Property(tries = 40)
    void multipartWithManyOrBrokenBoundariesIsBounded(@ForAll @IntRange(min = 0, max = 5_000) int parts,
                                                      @ForAll boolean closed) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            body.append("--b\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nx' or '1'='1\r\n");
        }
        if (closed) {
            body.append("--b--\r\n");
        }
        SyntheticRequests.Request request = SyntheticRequests.of(Placement.JSON, "", 1);
        assertVerdictIsSane(ENGINE.inspectBody(request.context(),
                new RequestBody("multipart/form-data; boundary=b", body.toString().getBytes(StandardCharsets.UTF_8)),
                InspectionSettings.defaults()));
    }

    private static void assertDetectorsCope(String raw) {
        NormalizedValue value = Normalizer.normalize(raw);
        for (Detector detector : DETECTORS) {
            for (ValueKind kind : ValueKind.values()) {
                detector.inspect(value, kind, (rule, score, view, from) -> {
                    assertThat(score).as("%s score", rule).isBetween(1, 10);
                    assertThat(from).as("%s position lies in its view", rule).isBetween(0, view.length());
                });
            }
        }
    }

    private static void assertVerdictIsSane(InspectionVerdict verdict) {
        assertThat(verdict.findings()).as("findings kept per request are capped").hasSizeLessThanOrEqualTo(FindingCollector.MAX_FINDINGS);
        for (Finding f : verdict.findings()) {
            assertThat(f.rule()).as("a detector failed on this input").isNotEqualTo(Rule.INPUT_INSPECTION_ERROR);
            assertThat(f.excerpt().length()).as("excerpts are short").isLessThanOrEqualTo(Excerpts.MAX_LENGTH);
            assertThat(f.excerpt().chars().noneMatch(c -> c < 0x20 || c == 0x7f)).as("excerpts are escaped").isTrue();
            assertThat(f.location().length()).as("locations are short").isLessThan(200);
        }
    }
}
