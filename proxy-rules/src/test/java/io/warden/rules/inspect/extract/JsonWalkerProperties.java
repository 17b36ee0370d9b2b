package io.warden.rules.inspect.extract;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written {@link JsonWalker} against Jackson's streaming parser ({@link JacksonWalker}),
 * on generated documents and on documents with bytes inserted, dropped or replaced: both must
 * see the same keys and strings at the same paths and end the same way. Inputs keep to valid
 * UTF-8, where the walker is deliberately stricter than Jackson (see {@link JsonWalkerTest}).
 */
class JsonWalkerProperties {

    private static final String[] SCALARS = {"0", "-1", "12.5e-3", "1E+9", "true", "false", "null", "\"\"",
        "\"text\"", "\"\\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"", "\"\\u00e9\\ud83d\\ude00\"", "\"caf\u00e9 \ud83d\ude00\"",
        "\"' or 1=1 --\"", "\"<script>\""};
    private static final String[] NOISE = {"{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "0", "01", "-", ".",
        "e", "+", "t", "true", "nul", " ", "\n", "\t", "x", "\u00e9", "\u0001", "/*", "1 2", "\ufeff"};

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.recursive(() -> Arbitraries.of(SCALARS), this::container, 4);
    }

    private Arbitrary<String> container(Arbitrary<String> inner) {
        Arbitrary<String> space = Arbitraries.of("", " ", "\n  ", "\t");
        Arbitrary<String> keys = Arbitraries.of("a", "message", "$ne", "", "k\\\"ey", "caf\u00e9", "a b");
        Arbitrary<String> member = Combinators.combine(keys, space, inner).as((k, s, v) -> "\"" + k + "\"" + s + ":" + s + v);
        Arbitrary<String> object = member.list().ofMaxSize(4).map(m -> "{" + String.join(",", m) + "}");
        Arbitrary<String> array = inner.list().ofMaxSize(4).map(v -> "[" + String.join(", ", v) + "]");
        return Arbitraries.oneOf(object, array);
    }

    @Provide
    Arbitrary<String> damaged() {
        return Combinators.combine(documents(), Arbitraries.integers().between(0, 1000),
                Arbitraries.of(NOISE), Arbitraries.integers().between(0, 2)).as((doc, at, noise, how) -> {
                    int i = Math.min(at, doc.length());
                    return switch (how) {
                        case 0 -> doc.substring(0, i) + noise + doc.substring(i);
                        case 1 -> doc.substring(0, i) + doc.substring(Math.min(doc.length(), i + 1));
                        default -> doc.substring(0, i) + noise + doc.substring(Math.min(doc.length(), i + noise.length()));
                    };
                });
    }

    @Property(tries = 2000)
    void seesWhatJacksonSeesInValidDocuments(@ForAll("documents") String doc) {
        assertSameWalk(doc, 64, 50_000, false);
    }

    @Property(tries = 3000)
    void seesWhatJacksonSeesInDamagedDocuments(@ForAll("damaged") String doc, @ForAll boolean truncated) {
        assertSameWalk(doc, 64, 50_000, truncated);
    }

    @Property(tries = 1000)
    void capsDepthAndElementsAsJacksonDid(@ForAll("documents") String doc,
                                          @ForAll @IntRange(min = 0, max = 4) int maxDepth,
                                          @ForAll @IntRange(min = 0, max = 30) int maxElements) {
        assertSameWalk(doc, maxDepth, maxElements, false);
    }

    @Property(tries = 500)
    void severalRootValuesAreReadAsJacksonReadsThem(@ForAll("documents") String a, @ForAll("documents") String b,
                                                    @ForAll("separators") String between) {
        assertSameWalk(a + between + b, 64, 50_000, false);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of("", " ", "\n", ",", "x");
    }

    private static void assertSameWalk(String doc, int maxDepth, int maxElements, boolean truncated) {
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>();
        JsonWalker.Outcome jackson = new JacksonWalker(maxDepth, maxElements).walk(bytes, truncated, recorder(expected));
        List<String> seen = new ArrayList<>();
        JsonWalker.Outcome walker = new JsonWalker(maxDepth, maxElements).walk(bytes, truncated, recorder(seen));
        assertThat(walker).as("outcome of %s", doc).isEqualTo(jackson);
        if (jackson == JsonWalker.Outcome.COMPLETE && !truncated) {
            assertThat(seen).as("visits of %s", doc).isEqualTo(expected);
        } else {
            // Jackson reports some values before failing where the walker fails first, or the reverse.
            int common = Math.min(seen.size(), expected.size());
            assertThat(seen.subList(0, common)).as("visits of %s", doc).isEqualTo(expected.subList(0, common));
        }
    }

    private static JsonWalker.Visitor recorder(List<String> out) {
        return new JsonWalker.Visitor() {
            @Override
            public void key(String name, JsonPath path) {
                out.add("key " + name + " @ " + path.describe());
            }

            @Override
            public void string(String value, JsonPath path) {
                out.add("string " + value + " @ " + path.describe());
            }
        };
    }
}
