package io.warden.rules.inspect.extract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the walker decides where it differs from Jackson on purpose, and its limits. */
class JsonWalkerTest {

    private final JsonWalker walker = new JsonWalker(64, 50_000);

    @Test
    void invalidUtf8InAStringIsMalformedNotDecodedLeniently() {
        // An overlong '/' and '.', a lone continuation byte, an encoded surrogate, a cut sequence.
        for (byte[] bad : List.of(bytes(0xC0, 0xAF), bytes(0xE0, 0x80, 0xAE), bytes(0x80), bytes(0xED, 0xA0, 0x80),
                bytes(0xE2, 0x82))) {
            assertThat(walk(quoted(bad), new ArrayList<>())).isEqualTo(JsonWalker.Outcome.MALFORMED);
        }
    }

    @Test
    void aPlainRunEndsAtTheFirstQuoteBackslashControlOrNonAsciiByteWhereverItSits() {
        // The bytes around each special one in ASCII order are plain: '!' '#' around '"', '[' ']'
        // around '\\', the space after the control bytes, DEL before the non-ASCII ones.
        byte[] plain = {'a', ' ', '!', '#', '[', ']', 0x7F, '~'};
        byte[] special = {'"', '\\', 0x00, 0x1F, (byte) 0x80, (byte) 0xC3, (byte) 0xFF};
        for (int length = 0; length <= 24; length++) {
            byte[] run = new byte[length];
            for (int i = 0; i < length; i++) {
                run[i] = plain[i % plain.length];
            }
            assertThat(JsonWalker.plainRun(run, 0, length)).isEqualTo(length);
            for (int at = 0; at < length; at++) {
                for (byte b : special) {
                    byte[] marked = run.clone();
                    marked[at] = b;
                    // A second special byte further on must not hide the first.
                    if (at + 3 < length) {
                        marked[at + 3] = '"';
                    }
                    assertThat(JsonWalker.plainRun(marked, 0, length)).as("byte %02x at %d of %d", b, at, length)
                            .isEqualTo(at);
                    assertThat(JsonWalker.plainRun(marked, at, length)).isEqualTo(at);
                    assertThat(JsonWalker.plainRun(marked, 0, at)).isEqualTo(at);
                }
            }
        }
    }

    @Test
    void validUtf8AndEscapesAreDecoded() {
        List<String> seen = new ArrayList<>();
        byte[] doc = "{\"m\":\"caf\u00e9 \u20ac \ud83d\ude00 \\u0041\\n\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(walk(doc, seen)).isEqualTo(JsonWalker.Outcome.COMPLETE);
        assertThat(seen).containsExactly("m", "caf\u00e9 \u20ac \ud83d\ude00 A\n");
    }

    @Test
    void aUtf8ByteOrderMarkIsSkipped() {
        List<String> seen = new ArrayList<>();
        byte[] doc = concat(bytes(0xEF, 0xBB, 0xBF), "[\"x\"]".getBytes(StandardCharsets.US_ASCII));
        assertThat(walk(doc, seen)).isEqualTo(JsonWalker.Outcome.COMPLETE);
        assertThat(seen).containsExactly("x");
    }

    @Test
    void nestingFarBeyondTheCapIsTooComplexWithoutExhaustingTheStack() {
        String deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);
        assertThat(walk(deep.getBytes(StandardCharsets.US_ASCII), new ArrayList<>()))
                .isEqualTo(JsonWalker.Outcome.TOO_COMPLEX);
    }

    @Test
    void anEmptyBodyHasNothingToInspect() {
        assertThat(walk(new byte[0], new ArrayList<>())).isEqualTo(JsonWalker.Outcome.COMPLETE);
        assertThat(walk(" \n".getBytes(StandardCharsets.US_ASCII), new ArrayList<>())).isEqualTo(JsonWalker.Outcome.COMPLETE);
    }

    private JsonWalker.Outcome walk(byte[] doc, List<String> seen) {
        return walker.walk(doc, false, new JsonWalker.Visitor() {
            @Override
            public void key(String name, JsonPath path) {
                seen.add(name);
            }

            @Override
            public void string(String value, JsonPath path) {
                seen.add(value);
            }
        });
    }

    private static byte[] quoted(byte[] content) {
        return concat(concat("{\"m\":\"a".getBytes(StandardCharsets.US_ASCII), content), "b\"}".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
