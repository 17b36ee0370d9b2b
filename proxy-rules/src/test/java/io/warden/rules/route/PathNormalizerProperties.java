package io.warden.rules.route;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Path normalisation is what route policy is matched on, so it must take any path without
 * throwing, in time linear in its length, and give a canonical form: normalising that form again
 * changes nothing, and it holds no empty, {@code .} or {@code ..} segment to dodge a route with.
 */
class PathNormalizerProperties {

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> pieces = Arbitraries.of("/", "//", "\\", ".", "..", "/./", "/../", ";", ";v=1", "%",
                "%2", "%2e", "%2E", "%2f", "%5c", "%25", "%252e", "%00", "%c0%ae", "%e2%80%ae", "%ff", "a", "A",
                "admin", "api", "\u00e9", "\u0130", "\u212a", "?");
        return Arbitraries.oneOf(pieces.list().ofMaxSize(30).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(200));
    }

    @Property(tries = 2000)
    void anyPathIsNormalisedOrRefusedWithoutThrowing(@ForAll("paths") String path) {
        String normal = PathNormalizer.normalize(path);
        if (normal == null) {
            return;
        }
        assertThat(normal).startsWith("/");
        List<String> segments = normal.equals("/") ? List.of() : Arrays.asList(normal.substring(1).split("/", -1));
        assertThat(segments).doesNotContain("", ".", "..");
    }

    @Property(tries = 2000)
    void theNormalFormIsAFixedPoint(@ForAll("paths") String path) {
        String normal = PathNormalizer.normalize(path);
        if (normal == null || normal.indexOf('%') >= 0) {
            // still escaped after the bounded decoding rounds: a deeper encoding is refused as unknown
            // text, not decoded further, so only fully decoded forms are fixed points
            return;
        }
        assertThat(PathNormalizer.normalize(normal)).as("normalising twice is normalising once").isEqualTo(normal);
    }

    @Property(tries = 20)
    void timeGrowsLinearlyWithTheLength(@ForAll("paths") String seed) {
        String unit = seed.isEmpty() ? "/%2e%2e/a" : seed;
        String big = unit.repeat(Math.max(1, 200_000 / unit.length()));
        long start = System.nanoTime();
        PathNormalizer.normalize(big);
        assertThat((System.nanoTime() - start) / 1_000_000).as("200k characters in well under a second")
                .isLessThan(500);
    }
}
