package io.warden.rules.inspect.extract;

import io.warden.rules.inspect.normalize.PercentDecoder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoders inspection runs on what clients send: query strings and form bodies, cookies,
 * media types, percent-encoding. None may throw on any input, each stays within its bounds, and
 * each takes time linear in the input, so a crafted header cannot stall an event loop.
 */
class ExtractorProperties {

    @Provide
    Arbitrary<String> encoded() {
        Arbitrary<String> pieces = Arbitraries.of("&", "=", ";", " ", "\"", "%", "%2", "%26", "%3d", "+", "a", "b=",
                "=c", "%c0%af", "%ff", "%u0041", "\u0000", "\r\n", "\u00e9", "\ud83d\ude00", "\ud800", ",");
        return Arbitraries.oneOf(pieces.list().ofMaxSize(60).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(300));
    }

    @Property(tries = 1000)
    void formPairsStayWithinTheirBoundAndInTheInput(@ForAll("encoded") String text,
                                                    @ForAll @IntRange(min = 0, max = 20) int max) {
        AtomicInteger pairs = new AtomicInteger();
        FormPairs.forEach(text, max, (name, value) -> {
            pairs.incrementAndGet();
            assertThat(text).contains(name).contains(value);
        });
        assertThat(pairs.get()).isLessThanOrEqualTo(max);
    }

    @Property(tries = 1000)
    void cookiesStayWithinTheirBound(@ForAll("encoded") String header, @ForAll @IntRange(min = 0, max = 20) int max) {
        AtomicInteger cookies = new AtomicInteger();
        Cookies.forEach(header, max, (name, value) -> cookies.incrementAndGet());
        assertThat(cookies.get()).isLessThanOrEqualTo(max);
    }

    @Property(tries = 1000)
    void mediaTypesNeverThrow(@ForAll("encoded") String contentType) {
        MediaType.of(contentType);
        MediaType.parameter(contentType, "boundary");
        MediaType.parameter(contentType, "charset");
    }

    @Property(tries = 1000)
    void percentDecodingNeverGrowsTheText(@ForAll("encoded") String text, @ForAll boolean plusAsSpace) {
        PercentDecoder.Result result = PercentDecoder.decode(text, plusAsSpace);
        assertThat(result.text().length()).isLessThanOrEqualTo(text.length());
        if (!result.changed()) {
            assertThat(result.text()).isEqualTo(text);
        }
    }

    @Property(tries = 10)
    void decodersTakeLinearTime(@ForAll("encoded") String seed) {
        String unit = seed.isEmpty() ? "a=%26;" : seed;
        String big = unit.repeat(Math.max(1, 200_000 / unit.length()));
        long start = System.nanoTime();
        FormPairs.forEach(big, 1000, (name, value) -> { });
        Cookies.forEach(big, 1000, (name, value) -> { });
        MediaType.of(big);
        PercentDecoder.decode(big, true);
        assertThat((System.nanoTime() - start) / 1_000_000).as("200k characters in well under a second")
                .isLessThan(1000);
    }
}
