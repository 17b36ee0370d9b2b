package io.warden.rules.websocket;

import org.junit.jupiter.api.Test;

import static io.warden.rules.websocket.Opcodes.BINARY;
import static io.warden.rules.websocket.Opcodes.CLOSE;
import static io.warden.rules.websocket.Opcodes.CONTINUATION;
import static io.warden.rules.websocket.Opcodes.PING;
import static io.warden.rules.websocket.Opcodes.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

class FrameValidatorTest {

    private final FrameValidator client = new FrameValidator(true, 1000, 2500, 3);
    private final FrameValidator upstream = new FrameValidator(false, 1000, Long.MAX_VALUE, Integer.MAX_VALUE);

    @Test
    void maskingDependsOnTheDirection() {
        assertThat(client.check(true, 0, TEXT, false, 5)).as("RFC 6455 5.1: clients mask every frame")
                .isEqualTo(FrameValidator.UNMASKED);
        assertThat(upstream.check(true, 0, TEXT, true, 5)).as("servers never mask")
                .isEqualTo(FrameValidator.MASKED);
        assertThat(client.check(true, 0, TEXT, true, 5)).isNull();
        assertThat(upstream.check(true, 0, TEXT, false, 5)).isNull();
    }

    @Test
    void reservedBitsAndOpcodesAreProtocolErrors() {
        assertThat(client.check(true, 4, TEXT, true, 5)).as("RSV1 without permessage-deflate negotiated")
                .isEqualTo(FrameValidator.RESERVED_BITS);
        assertThat(client.check(true, 0, 0x3, true, 5)).isEqualTo(FrameValidator.RESERVED_OPCODE);
        assertThat(client.check(true, 0, 0xB, true, 0)).isEqualTo(FrameValidator.RESERVED_OPCODE);
        assertThat(FrameValidator.RESERVED_BITS.closeCode()).isEqualTo(1002);
    }

    @Test
    void controlFramesAreShortAndWhole() {
        assertThat(client.check(true, 0, PING, true, 125)).isNull();
        assertThat(client.check(true, 0, PING, true, 126)).isEqualTo(FrameValidator.LONG_CONTROL);
        assertThat(client.check(false, 0, CLOSE, true, 2)).isEqualTo(FrameValidator.FRAGMENTED_CONTROL);
    }

    @Test
    void fragmentsMustFollowInOrder() {
        assertThat(client.check(true, 0, CONTINUATION, true, 5)).isEqualTo(FrameValidator.STRAY_CONTINUATION);
        assertThat(client.check(false, 0, TEXT, true, 5)).isNull();
        assertThat(client.messageOpcode()).isEqualTo(TEXT);
        assertThat(client.check(true, 0, PING, true, 0)).as("control frames may come between fragments").isNull();
        assertThat(client.check(true, 0, BINARY, true, 5)).isEqualTo(FrameValidator.INTERLEAVED);
        assertThat(client.check(true, 0, CONTINUATION, true, 5)).isNull();
        assertThat(client.messageOpcode()).as("the message ended").isEqualTo(-1);
    }

    @Test
    void sizesAndFragmentCountsAreCapped() {
        assertThat(client.check(true, 0, BINARY, true, 1001)).isEqualTo(FrameValidator.FRAME_TOO_BIG);
        assertThat(FrameValidator.FRAME_TOO_BIG.closeCode()).isEqualTo(1009);
        assertThat(client.check(false, 0, BINARY, true, 1000)).isNull();
        assertThat(client.check(false, 0, CONTINUATION, true, 1000)).isNull();
        assertThat(client.check(true, 0, CONTINUATION, true, 501)).as("2501 bytes in all")
                .isEqualTo(FrameValidator.MESSAGE_TOO_BIG);

        FrameValidator fresh = new FrameValidator(true, 1000, 2500, 3);
        assertThat(fresh.check(false, 0, TEXT, true, 1)).isNull();
        assertThat(fresh.check(false, 0, CONTINUATION, true, 1)).isNull();
        assertThat(fresh.check(false, 0, CONTINUATION, true, 1)).as("a third fragment is allowed").isNull();
        assertThat(fresh.check(true, 0, CONTINUATION, true, 1)).isEqualTo(FrameValidator.TOO_MANY_FRAGMENTS);
    }

    @Test
    void aLengthNotInItsShortestFormIsRefused() {
        assertThat(client.check(true, 0, BINARY, true, -1)).isEqualTo(FrameValidator.BAD_LENGTH);
    }
}
