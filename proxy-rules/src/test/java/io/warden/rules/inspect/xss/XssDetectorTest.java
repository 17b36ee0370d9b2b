package io.warden.rules.inspect.xss;

import io.warden.rules.inspect.Inspect;
import io.warden.rules.inspect.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class XssDetectorTest {

    private final XssDetector detector = new XssDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<ScRiPt src=//evil.example/x.js></script>",
        "<img src=x onerror=alert(document.cookie)>",
        "<svg/onload=alert(1)>",
        "<a href=\"jav&#x09;ascript:alert(1)\">click</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "javascript:alert(document.domain)",
        "<div style=\"width: expression(alert(1))\">",
        "\"><script>alert(1)</script>",
        "';alert(String.fromCharCode(88,83,83))//",
        "\" onmouseover=\"alert(1)",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "＜script＞alert(1)＜/script＞",
        "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
        "{{constructor.constructor('alert(1)')()}}",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
    })
    void scriptInjectionsReachTheDefaultThreshold(String payload) {
        assertThat(Inspect.score(detector, payload))
                .as("markup that would run script must block: %s", payload)
                .isGreaterThanOrEqualTo(Inspect.threshold());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Our website shows <b>bold</b> tags in the listing description, how do I fix it?",
        "Is there a <script> tag problem on your listing page? It shows raw code",
        "How do I add an `<iframe>` of the virtual tour to my agent website?",
        "Please alert my bank that I am travelling to Lisbon",
        "Can you confirm (yes/no) the viewing on Friday?",
        "My budget: <$500k. Must-haves: yard, garage, good schools",
        "Is 1200 sqft > 1000 sqft enough for a family of four?",
        "JavaScript: the good parts is a book I like",
        "Replace the <mask> token in the text with proper words",
        "BLAH <A HREF=\"/FOO.HTML\">FOO</A>",
    })
    void chatAndHarmlessMarkupPass(String text) {
        assertThat(Inspect.score(detector, text)).as("honest text must pass: %s", text).isLessThan(Inspect.threshold());
    }

    @Test
    void eventHandlersAreNamed() {
        assertThat(Inspect.run(detector, "<body onload=alert(1)>")).extracting(Inspect.Report::rule)
                .contains(Rule.XSS_EVENT_HANDLER);
    }
}
