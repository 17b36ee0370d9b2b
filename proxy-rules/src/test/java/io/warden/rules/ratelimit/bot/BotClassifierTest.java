package io.warden.rules.ratelimit.bot;

import io.warden.rules.ratelimit.Requests;
import io.warden.rules.ratelimit.TestHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BotClassifierTest {

    private final BotClassifier classifier = new BotClassifier(
            AgentPatterns.of(AgentPatterns.SCANNERS, List.of()),
            AgentPatterns.of(AgentPatterns.AUTOMATED, List.of()),
            AgentPatterns.of(AgentPatterns.HEADLESS, List.of()), 50);

    private BotVerdict agent(String userAgent) {
        return classifier.classify(TestHeaders.of("User-Agent", userAgent, "Accept", "*/*"), false, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sqlmap/1.8.2#stable (https://sqlmap.org)",
            "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:map_codes)",
            "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)",
            "masscan/1.3 (https://github.com/robertdavidgraham/masscan)",
            "Mozilla/5.0 zgrab/0.x",
            "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)",
            "WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner)",
            "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)",
            "gobuster/3.6", "Fuzz Faster U Fool v2.1.0-dev", "Acunetix-Aspect", "Nessus SOAP", "OpenVAS-VT 22.4",
            "w3af.org", "Havij"})
    void knownAttackToolsAreScanners(String userAgent) {
        assertThat(agent(userAgent).botClass()).as(userAgent).isEqualTo(BotClass.SCANNER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"curl/8.5.0", "python-requests/2.31.0", "Go-http-client/1.1", "Wget/1.21.4",
            "okhttp/4.12.0", "Java/17.0.9", "axios/1.6.7", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)"})
    void httpLibrariesAndCrawlersAreAutomated(String userAgent) {
        assertThat(agent(userAgent).botClass()).as(userAgent).isEqualTo(BotClass.AUTOMATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1",
            "Mozilla/5.0 Selenium"})
    void headlessBrowsersAreAutomated(String userAgent) {
        BotVerdict v = classifier.classify(TestHeaders.of(Requests.BROWSER).withAgent(userAgent), false, false);
        assertThat(v.botClass()).as(userAgent).isEqualTo(BotClass.AUTOMATED);
        assertThat(v.traits()).anyMatch(t -> t.startsWith("headless:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme-sync/2.1 (+ops@acme.example)", "RealEstateApp/5.2 iOS", "Zapier", "SitemapChecker/1.0",
            "Mozilla/5.0 (Linux; Android 14; CUBOT KingKong) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"})
    void ordinaryClientsAndLookAlikesAreNotFlagged(String userAgent) {
        BotVerdict v = classifier.classify(TestHeaders.of(Requests.BROWSER).withAgent(userAgent), false, false);
        assertThat(v.botClass()).as("an API client with its own agent, or a name that only contains a tool's")
                .isEqualTo(BotClass.UNREMARKABLE);
    }

    @Test
    void aRealBrowserScoresZero() {
        BotVerdict v = classifier.classify(TestHeaders.of(Requests.BROWSER), false, false);
        assertThat(v.score()).isZero();
        assertThat(v.botClass()).isEqualTo(BotClass.UNREMARKABLE);
    }

    @Test
    void aBorrowedBrowserAgentWithoutBrowserHeadersIsAutomated() {
        BotVerdict v = classifier.classify(TestHeaders.of("User-Agent", Requests.BROWSER[1]), false, false);
        assertThat(v.traits()).contains("browser-without-accept-language", "browser-without-accept-encoding", "no-accept");
        assertThat(v.botClass()).isEqualTo(BotClass.AUTOMATED);
    }

    @Test
    void aBrowserWebSocketHandshakeIsNotAskedForAccept() {
        TestHeaders handshake = TestHeaders.of("User-Agent", Requests.BROWSER[1], "Accept-Language", "en",
                "Accept-Encoding", "gzip", "Upgrade", "websocket");
        assertThat(classifier.classify(handshake, true, false).score()).isZero();
    }

    @Test
    void noAgentAloneIsNotEnoughButWithNoAcceptItIs() {
        assertThat(classifier.classify(TestHeaders.of("Accept", "*/*"), false, false).botClass())
                .isEqualTo(BotClass.UNREMARKABLE);
        assertThat(classifier.classify(TestHeaders.of(), false, false).botClass()).isEqualTo(BotClass.AUTOMATED);
    }

    @Test
    void aRegularCadenceAloneNeverMakesABrowserABot() {
        assertThat(classifier.classify(TestHeaders.of(Requests.BROWSER), false, true).botClass())
                .as("a chat page polling on a timer is regular too").isEqualTo(BotClass.UNREMARKABLE);
        assertThat(classifier.classify(TestHeaders.of("Accept", "*/*"), false, true).botClass())
                .as("no agent and a machine cadence").isEqualTo(BotClass.AUTOMATED);
    }

    @Test
    void extraAgentsFromConfigAreMatched() {
        BotClassifier custom = new BotClassifier(AgentPatterns.of(AgentPatterns.SCANNERS, List.of("EvilScan")),
                AgentPatterns.of(AgentPatterns.AUTOMATED, List.of()), AgentPatterns.of(AgentPatterns.HEADLESS, List.of()), 50);
        assertThat(custom.classify(TestHeaders.of("User-Agent", "evilscan/0.1"), false, false).botClass())
                .isEqualTo(BotClass.SCANNER);
    }
}
