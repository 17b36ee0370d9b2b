package io.warden.rules.inspect;

import io.warden.rules.config.InspectionMode;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.inspect.eval.ListHeaders;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.route.RoutePolicy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InspectionCheckTest {

    private static final String ATTACK = "' or '1'='1' --";

    private final EventFactory events = new EventFactory(InstantSource.fixed(Instant.parse("2025-01-01T00:00:00Z")));

    private InspectionCheck check(InspectionSettings settings) {
        return new InspectionCheck(InspectionEngine.standard(), request -> settings, events);
    }

    private InspectionCheck check() {
        return check(InspectionSettings.defaults());
    }

    private static RequestContext request(String method, String target, ListHeaders headers, long length) throws Exception {
        return RequestContext.builder()
                .requestId("req-1")
                .client(ClientAddress.of(InetAddress.getByAddress(new byte[] {10, 0, 0, 7})))
                .method(method)
                .target(target)
                .headers(headers)
                .route(RoutePolicy.basic("chat", 1 << 20))
                .contentLength(length)
                .build();
    }

    private static RequestContext get(String target) throws Exception {
        return request("GET", target, new ListHeaders().add("User-Agent", "Mozilla/5.0"), -1);
    }

    private Decision post(InspectionCheck check, String contentType, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        RequestContext ctx = request("POST", "/api/chat", new ListHeaders().add("Content-Type", contentType), bytes.length);
        assertThat(check.wants(ctx)).as("%s bodies are inspected", contentType).isTrue();
        return check.check(ctx, new RequestBody(contentType, bytes));
    }

    @Test
    void anInjectionInTheQueryIsBlockedWith403AndAnEvent() throws Exception {
        Decision d = check().check(get("/search?q=" + java.net.URLEncoder.encode(ATTACK, StandardCharsets.UTF_8)));
        assertThat(d).isInstanceOf(Decision.Reject.class);
        Decision.Reject reject = (Decision.Reject) d;
        assertThat(reject.status()).isEqualTo(403);
        assertThat(reject.reason()).as("the client learns nothing about the rule").isEqualTo(InspectionCheck.BLOCK_REASON);
        SecurityEvent event = reject.events().get(0);
        assertThat(event.type()).isEqualTo(EventType.INJECTION_ATTEMPT);
        assertThat(event.requestId()).isEqualTo("req-1");
        assertThat(event.details()).containsEntry("action", "blocked");
        assertThat(strings(event.details().get("locations"))).contains("query:q");
        assertThat(strings(event.details().get("rules"))).contains("sqli.tautology");
        assertThat((Integer) event.details().get("score")).isGreaterThanOrEqualTo(7);
    }

    @Test
    void pathsNamingCommandsAreResourcesNotCommands() throws Exception {
        for (String path : new String[] {"/whoami", "/api/whoami", "/api/ls", "/api/v1/uname", "/bin/sh",
                "/usr/bin/id", "/api/curl", "/netstat"}) {
            assertThat(check().check(get(path))).as(path + " is an endpoint name: nothing runs it")
                    .isEqualTo(Decision.proceed());
        }
        for (String path : new String[] {"/api/x;id", "/a/$(whoami)", "/x/%60id%60", "/cgi-bin/x;uname%20-a"}) {
            assertThat(check().check(get(path))).as(path + " has shell syntax around the command")
                    .isInstanceOf(Decision.Reject.class);
        }
    }

    @Test
    void chatTextPassesWithoutEvents() throws Exception {
        Decision d = post(check(), "application/json",
                "{\"message\":\"Mr. O'Brien wants to select the best 3 homes; drop the rest -- thanks!\"}");
        assertThat(d).isEqualTo(Decision.proceed());
    }

    @Test
    void jsonIsWalkedRecursivelyAndTheLocationIsItsPath() throws Exception {
        Decision d = post(check(), "application/json",
                "{\"conversation\":{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                        + "{\"role\":\"user\",\"content\":\"<img src=x onerror=alert(1)>\"}]}}");
        assertThat(locations(d)).contains("json:$.conversation.messages[1].content");
    }

    @Test
    void noSqlOperatorsInJsonKeysAreBlocked() throws Exception {
        Decision d = post(check(), "application/json", "{\"user\":\"admin\",\"password\":{\"$ne\":null}}");
        assertThat(d).isInstanceOf(Decision.Reject.class);
        assertThat(rules(d)).contains("nosqli.operator");
        assertThat(locations(d)).contains("json:$.password.$ne");
    }

    @Test
    void formCookieHeaderPathAndMultipartAreInspected() throws Exception {
        assertThat(locations(post(check(), "application/x-www-form-urlencoded", "name=Jane&note=%3Cscript%3Ealert(1)%3C%2Fscript%3E")))
                .contains("form:note");
        RequestContext cookies = request("GET", "/", new ListHeaders().add("Cookie", "theme=dark; sid=1' or '1'='1' --"), -1);
        assertThat(locations(check().check(cookies))).contains("cookie:sid");
        RequestContext agent = request("GET", "/", new ListHeaders().add("User-Agent", "() { :;}; /bin/bash -c id"), -1);
        assertThat(locations(check().check(agent))).contains("header:User-Agent");
        assertThat(locations(check().check(get("/files/..%2f..%2f..%2fetc%2fpasswd")))).contains("path");
        String multipart = "--B\r\nContent-Disposition: form-data; name=\"bio\"\r\n\r\n<svg/onload=alert(1)>\r\n"
                + "--B\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"../../etc/passwd\"\r\n"
                + "Content-Type: image/png\r\n\r\n\u0089PNG\r\n--B--\r\n";
        assertThat(locations(post(check(), "multipart/form-data; boundary=B", multipart))).contains("multipart:bio", "multipart:photo");
    }

    @Test
    void configuredHeadersAreInspectedToo() throws Exception {
        InspectionSettings settings = new InspectionSettings(InspectionMode.BLOCK, 2, List.of(), 1 << 16, List.of("X-Search"));
        RequestContext ctx = request("GET", "/", new ListHeaders().add("X-Search", "1 union select password from users"), -1);
        assertThat(check(settings).check(ctx)).isInstanceOf(Decision.Reject.class);
        assertThat(check().check(ctx)).as("not inspected unless configured").isEqualTo(Decision.proceed());
    }

    @Test
    void detectModeLetsTheRequestPassWithTheEvent() throws Exception {
        Decision d = check(InspectionSettings.defaults().withMode(InspectionMode.DETECT))
                .check(get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E"));
        assertThat(d).isInstanceOf(Decision.Proceed.class);
        assertThat(d.events()).hasSize(1);
        assertThat(d.events().get(0).details()).containsEntry("action", "detected");
    }

    @Test
    void offModeInspectsNothingAndBuffersNothing() throws Exception {
        InspectionCheck off = check(InspectionSettings.defaults().withMode(InspectionMode.OFF));
        assertThat(off.check(get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E"))).isEqualTo(Decision.proceed());
        RequestContext body = request("POST", "/", new ListHeaders().add("Content-Type", "application/json"), 10);
        assertThat(off.wants(body)).as("off means the body streams through").isFalse();
    }

    @Test
    void onlyInspectableBodiesAreBuffered() throws Exception {
        RequestContext image = request("POST", "/upload", new ListHeaders().add("Content-Type", "image/png"), 1000);
        assertThat(check().wants(image)).isFalse();
        RequestContext empty = request("POST", "/", new ListHeaders().add("Content-Type", "application/json"), 0);
        assertThat(check().wants(empty)).isFalse();
    }

    @Test
    void malformedJsonIsA400WithAValidationEvent() throws Exception {
        Decision d = post(check(), "application/json", "{\"message\": \"unterminated");
        assertThat(d).isInstanceOf(Decision.Reject.class);
        assertThat(((Decision.Reject) d).status()).isEqualTo(400);
        assertThat(((Decision.Reject) d).reason()).isEqualTo("malformed JSON body");
        assertThat(d.events().get(0).type()).isEqualTo(EventType.INPUT_VALIDATION_FAILURE);
    }

    @Test
    void jsonNestedBeyondTheLimitIsA400NotACrash() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Decision d = post(check(), "application/json", deep);
        assertThat(((Decision.Reject) d).status()).isEqualTo(400);
    }

    @Test
    void aBodyCutAtTheInspectionLimitIsNotMalformed() throws Exception {
        byte[] cut = "{\"message\":\"hello there, I would like".getBytes(StandardCharsets.UTF_8);
        RequestContext ctx = request("POST", "/api/chat", new ListHeaders().add("Content-Type", "application/json"), 100_000);
        assertThat(check().check(ctx, new RequestBody("application/json", cut))).isEqualTo(Decision.proceed());
    }

    @Test
    void exclusionsSilenceOneRuleAtOneLocationOnly() throws Exception {
        InspectionSettings settings = InspectionSettings.defaults()
                .withExclusions(List.of(new Exclusion("sqli", "json:$.sql")));
        InspectionCheck check = check(settings);
        assertThat(post(check, "application/json", "{\"sql\":\"1 union select password from users\"}"))
                .as("the route allows SQL in $.sql").isEqualTo(Decision.proceed());
        assertThat(post(check, "application/json", "{\"message\":\"1 union select password from users\"}"))
                .as("but nowhere else").isInstanceOf(Decision.Reject.class);
        assertThat(post(check, "application/json", "{\"sql\":\"<script>alert(1)</script>\"}"))
                .as("and only for SQL").isInstanceOf(Decision.Reject.class);
    }

    @Test
    void browsersPassEvenAtTheHighestParanoia() throws Exception {
        InspectionCheck strict = check(InspectionSettings.defaults().withParanoia(4));
        for (String agent : List.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
                "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148")) {
            RequestContext ctx = request("GET", "/api/listings?city=Seattle&beds=3&max_price=750000",
                    new ListHeaders().add("User-Agent", agent).add("Referer", "https://chat.example.com/listings?page=2")
                            .add("Cookie", "session=9f8e7d6c5b4a; theme=dark; consent=1"), -1);
            assertThat(strict.check(ctx)).as("an ordinary browser request must pass: %s", agent).isEqualTo(Decision.proceed());
        }
    }

    @Test
    void paranoiaMovesTheThreshold() throws Exception {
        String weak = "/search?q=" + java.net.URLEncoder.encode("' AND 'x", StandardCharsets.UTF_8);
        assertThat(check(InspectionSettings.defaults().withParanoia(1)).check(get(weak))).isEqualTo(Decision.proceed());
        assertThat(check(InspectionSettings.defaults().withParanoia(4)).check(get(weak))).isInstanceOf(Decision.Reject.class);
    }

    @Test
    void eventsCarryShortEscapedExcerptsNeverTheWholeBody() throws Exception {
        String padding = "a".repeat(5000);
        Decision d = post(check(), "application/json", "{\"message\":\"" + padding + " <script>alert(1)</script>\\n" + padding + "\"}");
        Map<String, Object> details = d.events().get(0).details();
        String excerpt = (String) details.get("excerpt");
        assertThat(excerpt.length()).isLessThanOrEqualTo(Excerpts.MAX_LENGTH);
        assertThat(details.toString().length()).as("no body in the event").isLessThan(2000);
    }

    private static List<String> locations(Decision d) {
        assertThat(d.events()).as("a finding raises an event").isNotEmpty();
        return strings(d.events().get(0).details().get("locations"));
    }

    private static List<String> rules(Decision d) {
        return strings(d.events().get(0).details().get("rules"));
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    @Test
    void anAttackHeavyBodyIsDecidedOnceItsVerdictCannotChange() throws Exception {
        InspectionEngine engine = InspectionEngine.standard();
        InspectionSettings settings = InspectionSettings.defaults();
        RequestContext ctx = request("POST", "/api/chat", new ListHeaders().add("Content-Type", "application/json"), -1);
        InspectionVerdict first = engine.inspectBody(ctx, jsonArrayOf(ATTACK, 40), settings);
        InspectionVerdict flood = engine.inspectBody(ctx, jsonArrayOf(ATTACK, 4000), settings);

        assertThat(first.score()).isGreaterThanOrEqualTo(settings.criticalScore());
        assertThat(flood.findings()).as("the kept findings are those of the first values either way")
                .isEqualTo(first.findings());
        assertThat(flood.score()).isEqualTo(first.score());
        assertThat(engine.inspectBody(ctx, new RequestBody("application/json",
                ("[" + ("\"" + ATTACK + "\",").repeat(40) + "\"unclosed\"").getBytes(StandardCharsets.UTF_8)), settings)
                .bodyProblem())
                .as("a malformed body is still found after the verdict is settled")
                .isEqualTo(InspectionVerdict.BodyProblem.MALFORMED_JSON);
    }

    private static RequestBody jsonArrayOf(String value, int count) {
        String item = "\"" + value + "\"";
        String json = "[" + String.join(",", java.util.Collections.nCopies(count, item)) + "]";
        return new RequestBody("application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
