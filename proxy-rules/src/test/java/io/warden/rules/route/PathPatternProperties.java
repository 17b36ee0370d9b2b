package io.warden.rules.route;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The segment walk agrees with the obvious (and exponential) reading of a pattern as a regular
 * expression over segments, on small alphabets where every combination of literals, {@code *} and
 * several {@code **} comes up.
 */
class PathPatternProperties {

    @Provide
    Arbitrary<List<String>> patterns() {
        return Arbitraries.of("a", "b", "*", "**").list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<String>> paths() {
        return Arbitraries.of("a", "b", "c").list().ofMaxSize(10);
    }

    @Property(tries = 3000)
    void matchesAsTheRegularExpressionOverSegmentsDoes(@ForAll("patterns") List<String> pattern,
                                                       @ForAll("paths") List<String> path) {
        String patternText = "/" + String.join("/", pattern);
        String pathText = "/" + String.join("/", path);
        assertThat(PathPattern.compile(patternText).matches(pathText))
                .as("%s against %s", patternText, pathText)
                .isEqualTo(reference(pattern).matcher(path.isEmpty() ? "" : pathText).matches());
    }

    private static Pattern reference(List<String> pattern) {
        return Pattern.compile(pattern.stream().map(segment -> switch (segment) {
            case "**" -> "(?:/[^/]+)*";
            case "*" -> "/[^/]+";
            default -> "/" + Pattern.quote(segment);
        }).collect(Collectors.joining()));
    }
}
