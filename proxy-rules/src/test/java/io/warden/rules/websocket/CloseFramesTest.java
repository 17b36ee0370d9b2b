package io.warden.rules.websocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CloseFramesTest {

    @Test
    void aCloseFrameIsEmptyOrASendableCodeWithUtf8() {
        assertThat(CloseFrames.check(new byte[0])).isNull();
        assertThat(CloseFrames.check(new byte[] {3, (byte) 0xE8, 'b', 'y', 'e'})).isNull();
        assertThat(CloseFrames.code(new byte[] {3, (byte) 0xE8})).isEqualTo(1000);
        assertThat(CloseFrames.check(new byte[] {3})).isEqualTo(CloseFrames.ONE_BYTE);
        assertThat(CloseFrames.check(new byte[] {3, (byte) 0xED})).as("1005 is for reporting, never sent")
                .isEqualTo(CloseFrames.BAD_CODE);
        assertThat(CloseFrames.check(new byte[] {0x0F, (byte) 0xA0})).as("4000: an application's own code").isNull();
        assertThat(CloseFrames.check(new byte[] {3, (byte) 0xE8, (byte) 0xC0, (byte) 0xAF}))
                .isEqualTo(CloseFrames.BAD_REASON);
        assertThat(CloseFrames.BAD_REASON.closeCode()).isEqualTo(1007);
    }
}
