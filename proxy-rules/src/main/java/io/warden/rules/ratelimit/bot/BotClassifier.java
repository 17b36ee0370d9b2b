package io.warden.rules.ratelimit.bot;

import io.warden.rules.pipeline.HeaderView;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores a request's traits (0..100) and classifies it. The weights are chosen so that no single
 * weak trait makes a client "automated" and no trait of a normal API client does either:
 * <ul>
 *   <li>a known attack tool's User-Agent: a scanner, whatever else;</li>
 *   <li>headless-browser markers: 60; a known HTTP library or crawler: 50 (automated alone);</li>
 *   <li>no User-Agent at all: 40; no {@code Accept}: 10 (together automated);</li>
 *   <li>a browser User-Agent without {@code Accept-Language}: 30, without {@code Accept-Encoding}: 15
 *       (every browser sends both; a script that borrowed the agent string usually does not);</li>
 *   <li>machine-regular request cadence: 30 (alone never enough: a chat page polling on a timer is
 *       regular too).</li>
 * </ul>
 * An API client with its own agent string ({@code acme-sync/2.1}) and ordinary headers scores 0.
 * WebSocket handshakes are not asked for {@code Accept}, which browsers do not send there.
 */
public final class BotClassifier {

    static final int HEADLESS = 60;
    static final int CLIENT_LIBRARY = 50;
    static final int NO_AGENT = 40;
    static final int NO_ACCEPT = 10;
    static final int BROWSER_WITHOUT_ACCEPT_LANGUAGE = 30;
    static final int BROWSER_WITHOUT_ACCEPT_ENCODING = 15;
    static final int REGULAR_CADENCE = 30;

    /** Longer agents are cut before matching, to bound the work a hostile header causes. */
    private static final int MAX_AGENT = 512;

    private final AgentPatterns scanners;
    private final AgentPatterns automated;
    private final AgentPatterns headless;
    private final int threshold;

    public BotClassifier(AgentPatterns scanners, AgentPatterns automated, AgentPatterns headless, int threshold) {
        this.scanners = scanners;
        this.automated = automated;
        this.headless = headless;
        this.threshold = threshold;
    }

    /**
     * @param upgrade whether the request asks for a protocol upgrade (WebSocket)
     * @param regularCadence whether this address's requests arrive machine-regularly
     */
    public BotVerdict classify(HeaderView headers, boolean upgrade, boolean regularCadence) {
        String agent = headers.get("User-Agent");
        List<String> traits = new ArrayList<>(4);
        int score = 0;
        if (agent == null || agent.isBlank()) {
            traits.add("no-user-agent");
            score += NO_AGENT;
        } else {
            String lower = (agent.length() > MAX_AGENT ? agent.substring(0, MAX_AGENT) : agent).toLowerCase(Locale.ROOT);
            String tool = scanners.match(lower);
            if (tool != null) {
                return new BotVerdict(BotClass.SCANNER, 100, List.of("scanner:" + tool));
            }
            String marker = headless.match(lower);
            String library = automated.match(lower);
            if (marker != null) {
                traits.add("headless:" + marker);
                score += HEADLESS;
            } else if (library != null) {
                traits.add("client:" + library);
                score += CLIENT_LIBRARY;
            }
            if (lower.startsWith("mozilla/") && marker == null && library == null) {
                if (!headers.contains("Accept-Language")) {
                    traits.add("browser-without-accept-language");
                    score += BROWSER_WITHOUT_ACCEPT_LANGUAGE;
                }
                if (!headers.contains("Accept-Encoding")) {
                    traits.add("browser-without-accept-encoding");
                    score += BROWSER_WITHOUT_ACCEPT_ENCODING;
                }
            }
        }
        if (!upgrade && !headers.contains("Accept")) {
            traits.add("no-accept");
            score += NO_ACCEPT;
        }
        if (regularCadence) {
            traits.add("regular-cadence");
            score += REGULAR_CADENCE;
        }
        score = Math.min(score, 100);
        return new BotVerdict(score >= threshold ? BotClass.AUTOMATED : BotClass.UNREMARKABLE, score, traits);
    }
}
