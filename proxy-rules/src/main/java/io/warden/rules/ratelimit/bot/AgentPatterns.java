package io.warden.rules.ratelimit.bot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Case-insensitive User-Agent fragments, matched only where they stand as a word: an edge of the
 * fragment that is a letter must not touch another letter, so {@code nmap} does not match a
 * product that merely contains it and {@code zap} does not match "Zapier".
 */
public final class AgentPatterns {

    /** Attack tools and vulnerability scanners, by the names they announce by default. */
    public static final List<String> SCANNERS = List.of(
            "sqlmap", "nikto", "nmap", "masscan", "zgrab", "nuclei", "wpscan", "dirbuster", "dirb", "gobuster",
            "feroxbuster", "ffuf", "fuzz faster u fool", "wfuzz", "acunetix", "nessus", "openvas", "w3af", "havij",
            "netsparker", "appscan", "arachni", "skipfish", "whatweb", "joomscan", "commix", "xsstrike", "zmeu",
            "jorgee", "morfeus", "muieblackcat", "fimap", "hydra", "zap", "burp", "jaeles");

    /**
     * Non-browser HTTP clients, and crawlers that say so (by name, or by the {@code +http} info link
     * crawlers put in their agent). Deliberately no bare "bot": it would catch phone models.
     */
    public static final List<String> AUTOMATED = List.of(
            "curl", "wget", "libcurl", "python-requests", "python-urllib", "python-httpx", "aiohttp", "httpx",
            "go-http-client", "java", "okhttp", "apache-httpclient", "libwww-perl", "lwp", "node-fetch", "axios",
            "undici", "httpie", "postmanruntime", "insomnia", "guzzlehttp", "ruby", "faraday", "scrapy",
            "powershell", "winhttp", "restsharp", "reqwest", "dart", "googlebot", "bingbot", "yandexbot",
            "baiduspider", "duckduckbot", "applebot", "ahrefsbot", "semrushbot", "mj12bot", "dotbot", "petalbot",
            "gptbot", "claudebot", "ccbot", "perplexitybot", "bytespider", "amazonbot", "facebookexternalhit",
            "twitterbot", "slurp", "crawler", "spider", "+http", "+https");

    /** Markers of a browser driven by a program. */
    public static final List<String> HEADLESS = List.of(
            "headlesschrome", "headless", "phantomjs", "selenium", "webdriver", "puppeteer", "playwright", "slimerjs",
            "htmlunit");

    private final String[] fragments;

    public AgentPatterns(Collection<String> fragments) {
        List<String> lower = new ArrayList<>(fragments.size());
        for (String f : fragments) {
            lower.add(f.trim().toLowerCase(Locale.ROOT));
        }
        this.fragments = lower.toArray(String[]::new);
    }

    public static AgentPatterns of(List<String> builtIn, List<String> extra) {
        List<String> all = new ArrayList<>(builtIn);
        all.addAll(extra);
        return new AgentPatterns(all);
    }

    /** The first fragment standing as a word in {@code lowerAgent}, or null. */
    public String match(String lowerAgent) {
        for (String f : fragments) {
            int at = lowerAgent.indexOf(f);
            while (at >= 0) {
                int end = at + f.length();
                boolean leftFree = at == 0 || !Character.isLetter(f.charAt(0))
                        || !Character.isLetter(lowerAgent.charAt(at - 1));
                boolean rightFree = end == lowerAgent.length() || !Character.isLetter(f.charAt(f.length() - 1))
                        || !Character.isLetter(lowerAgent.charAt(end));
                if (leftFree && rightFree) {
                    return f;
                }
                at = lowerAgent.indexOf(f, at + 1);
            }
        }
        return null;
    }
}
