package io.warden.rules.websocket;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8ValidatorTest {

    @Property(tries = 3000)
    void agreesWithTheJdkStrictDecoderOnAnyBytesInAnyPieces(@ForAll("utf8ish") byte[] bytes,
                                                           @ForAll @IntRange(min = 1, max = 7) int piece) {
        Utf8Validator validator = new Utf8Validator();
        boolean ok = true;
        for (int at = 0; at < bytes.length && ok; at += piece) {
            ok = validator.next(bytes, at, Math.min(piece, bytes.length - at));
        }
        assertThat(ok && validator.complete())
                .as("split into pieces of %d, the answer must not change", piece)
                .isEqualTo(jdkAccepts(bytes));
    }

    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<byte[]> valid = Arbitraries.strings().all().ofMaxLength(12)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(12);
        Arbitrary<byte[]> edgy = Arbitraries.of((byte) 0xC0, (byte) 0xC2, (byte) 0xE0, (byte) 0xED, (byte) 0xF0,
                (byte) 0xF4, (byte) 0xF5, (byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F, (byte) 0xA0,
                (byte) 0xBF, (byte) 0x41).array(byte[].class).ofMaxSize(8);
        return Arbitraries.oneOf(valid, random, edgy);
    }

    @Test
    void refusesWhatRfc3629Forbids() {
        assertThat(valid(0xC0, 0xAF)).as("overlong '/'").isFalse();
        assertThat(valid(0xE0, 0x80, 0xAF)).as("overlong three-byte form").isFalse();
        assertThat(valid(0xED, 0xA0, 0x80)).as("a UTF-16 surrogate").isFalse();
        assertThat(valid(0xF4, 0x90, 0x80, 0x80)).as("above U+10FFFF").isFalse();
        assertThat(valid(0xF0, 0x9F, 0x98)).as("a character cut short at the end").isFalse();
        assertThat(valid(0xF0, 0x9F, 0x98, 0x80)).as("an emoji").isTrue();
    }

    @Test
    void aCharacterMaySpanPiecesButOnceInvalidStaysInvalid() {
        Utf8Validator v = new Utf8Validator();
        assertThat(v.next(new byte[] {(byte) 0xE2, (byte) 0x82}, 0, 2)).isTrue();
        assertThat(v.complete()).isFalse();
        assertThat(v.next((byte) 0xAC)).isTrue();
        assertThat(v.complete()).as("the euro sign, split in two").isTrue();
        assertThat(v.next((byte) 0xFF)).isFalse();
        assertThat(v.next((byte) 'a')).isFalse();
        v.reset();
        assertThat(v.next((byte) 'a') && v.complete()).isTrue();
    }

    private static boolean valid(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        Utf8Validator v = new Utf8Validator();
        return v.next(bytes, 0, bytes.length) && v.complete();
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
