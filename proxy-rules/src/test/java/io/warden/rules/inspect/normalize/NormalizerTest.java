package io.warden.rules.inspect.normalize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizerTest {

    @Test
    void plainTextIsReturnedAsItIs() {
        String text = "Show me houses with 3+ bedrooms near Green Lake";
        NormalizedValue v = Normalizer.normalize(text);
        assertThat(v.text()).isSameAs(text);
        assertThat(v.markup()).isSameAs(text);
        assertThat(v.signals()).isZero();
    }

    @Test
    void percentEncodingIsDecodedInRoundsAndDoubleEncodingIsNoticed() {
        NormalizedValue v = Normalizer.normalize("..%252f..%252fetc%252fpasswd");
        assertThat(v.text()).isEqualTo("../../etc/passwd");
        assertThat(v.has(Signals.MULTI_ENCODED)).as("%25 layers are double encoding").isTrue();
    }

    @Test
    void iisUnicodeEscapesAndFullWidthFormsFold() {
        assertThat(Normalizer.normalize("%u002e%u002e%u2215etc").text()).isEqualTo("../etc");
        assertThat(Normalizer.normalize("＜ｓｃｒｉｐｔ＞").text()).isEqualTo("<script>");
    }

    @Test
    void overlongUtf8IsDecodedAndFlagged() {
        NormalizedValue v = Normalizer.normalize("%c0%ae%c0%ae%c0%af");
        assertThat(v.text()).isEqualTo("../");
        assertThat(v.has(Signals.OVERLONG_UTF8)).as("no honest client sends overlong UTF-8").isTrue();
        assertThat(Normalizer.normalize("%e0%80%ae").text()).isEqualTo(".");
    }

    @Test
    void nulBytesAreRemovedAndFlagged() {
        NormalizedValue v = Normalizer.normalize("<scr%00ipt>");
        assertThat(v.text()).isEqualTo("<script>");
        assertThat(v.has(Signals.NUL)).isTrue();
    }

    @Test
    void plusIsASpaceOnlyInFormEncoding() {
        assertThat(Normalizer.normalize("a+b%21", Transport.FORM).raw()).isEqualTo("a b!");
        assertThat(Normalizer.normalize("a+b", Transport.NONE).text()).isEqualTo("a+b");
        assertThat(Normalizer.normalize("a+b%21", Transport.PERCENT).raw()).isEqualTo("a+b!");
    }

    @Test
    void theTransportRoundIsNoSignOfEvasion() {
        assertThat(Normalizer.normalize("hello%20world", Transport.FORM).signals()).isZero();
        assertThat(Normalizer.normalize("hello%20world", Transport.NONE).has(Signals.PERCENT_ENCODED)).isTrue();
    }

    @Test
    void htmlCharacterReferencesDecodeInTheMarkupViewOnly() {
        NormalizedValue v = Normalizer.normalize("&lt;img src=x onerror&#x3d;alert&#40;1&#41&gt;");
        assertThat(v.markup()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(v.text()).as("SQL and shell detectors read the text view").contains("&lt;");
        assertThat(Normalizer.normalize("&#0000106&#97vascript:").markup()).isEqualTo("javascript:");
        assertThat(Normalizer.normalize("&amp;lt;").markup()).as("nested references").isEqualTo("<");
    }

    @Test
    void scriptEscapesAndUtf7DecodeInTheMarkupView() {
        assertThat(Normalizer.normalize("\\x3cscript\\x3e").markup()).isEqualTo("<script>");
        assertThat(Normalizer.normalize("\\u0061lert").markup()).isEqualTo("alert");
        assertThat(Normalizer.normalize("+ADw-script+AD4-").markup()).isEqualTo("<script>");
        assertThat(Normalizer.normalize("C++ and +1 (415)").markup()).isEqualTo("C++ and +1 (415)");
    }

    @Test
    void viewsNeverGrow() {
        String nasty = "%25%32%35%u0025&amp;amp;\\x25\\u0025+ADw-" .repeat(50);
        NormalizedValue v = Normalizer.normalize(nasty);
        assertThat(v.text().length()).isLessThanOrEqualTo(nasty.length());
        assertThat(v.markup().length()).isLessThanOrEqualTo(nasty.length());
    }
}
