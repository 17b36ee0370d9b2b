package io.warden.rules.ratelimit.bot;

/** What a request's traits say about the software that sent it. */
public enum BotClass {
    /** Nothing says otherwise: a browser, or an API client that does not announce itself as a bot. */
    UNREMARKABLE,
    /** An automated client: a library, a crawler, a headless browser, a script with a borrowed UA. */
    AUTOMATED,
    /** A known attack tool or vulnerability scanner. */
    SCANNER
}
