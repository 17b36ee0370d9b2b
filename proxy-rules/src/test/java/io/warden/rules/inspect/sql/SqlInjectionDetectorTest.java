package io.warden.rules.inspect.sql;

import io.warden.rules.inspect.Inspect;
import io.warden.rules.inspect.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SqlInjectionDetectorTest {

    private final SqlInjectionDetector detector = new SqlInjectionDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "-1fUNION SELECT column_name FROM table_name",
        "' or '1'='1",
        "admin'--",
        "1 OR 1=1",
        "x' OR 'a'='a' -- ",
        "\") or (\"1\"=\"1",
        "-1 union select 1,2,username,password from users--",
        "1 UNION/**/ALL/**/SELECT NULL,NULL,@@version",
        "1; DROP TABLE listings--",
        "'; exec master..xp_cmdshell 'dir'--",
        "1 and sleep(5)",
        "' waitfor delay '0:0:10'--",
        "1' and extractvalue(1,concat(0x7e,version()))-- -",
        "1 order by 12--",
        "' and ascii(substring((select password from users limit 1),1,1))>64--",
        "1/*!50000UNION*/ SELECT 1",
        "' OR 1=1 #",
    })
    void injectionsReachTheDefaultThreshold(String payload) {
        assertThat(Inspect.score(detector, payload))
                .as("a working SQL injection must block at the default paranoia: %s", payload)
                .isGreaterThanOrEqualTo(Inspect.threshold());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Can you select the three cheapest 2-bed flats near Union Square?",
        "Mr. O'Brien wants to know if the offer on 221B Baker Street was accepted",
        "Please drop the asking price on 14 Elm St by 5% and tell me the new figure",
        "I exported my listings with SELECT address, price FROM listings WHERE city = 'Denver' and got duplicates, why?",
        "I tried to type 'or 1=1' in the search box as a joke, sorry lol",
        "Is the \"union\" in Union City related to a labor union or just the name?",
        "Delete my saved search for Brooklyn lofts, I found a place",
        "1950 or 1960",
        "select 'and'",
        "The listing says 'move-in ready' but the photos show a gutted kitchen",
        "He always says \"DROP TABLE\" jokes when we talk about furniture",
    })
    void chatTextStaysBelowTheThreshold(String text) {
        assertThat(Inspect.score(detector, text))
                .as("honest chat must pass: %s", text)
                .isLessThan(Inspect.threshold());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1 union select 1,2,3", "x' UNION ALL SELECT NULL--", "1 union (select 1)"})
    void unionSelectIsNamedAsSuch(String payload) {
        assertThat(Inspect.run(detector, payload)).extracting(Inspect.Report::rule).contains(Rule.SQLI_UNION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"union station", "the union selected a new chair", "credit union, select account"})
    void unionAloneIsNotUnionSelect(String text) {
        assertThat(Inspect.run(detector, text)).extracting(Inspect.Report::rule).doesNotContain(Rule.SQLI_UNION);
    }
}
