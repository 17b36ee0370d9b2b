/**
 * Rate limiting, progressive blocking, failed-login lockout, bot detection and the limits made
 * for an AI backend: pure decisions, no I/O, time injected.
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>{@link io.warden.rules.ratelimit.Gcra} is the arithmetic on one long per key;
 *       {@link io.warden.rules.ratelimit.LimiterStore} is where that long lives (local
 *       {@link io.warden.rules.ratelimit.CaffeineLimiterStore}, later a Redis script), and
 *       {@link io.warden.rules.ratelimit.RateLimitProbe} is a decision as data.</li>
 *   <li>{@link io.warden.rules.ratelimit.ClientKeys}: IPv4 by address, IPv6 by network (/64 by
 *       default), users by verified subject. Limits and blocks use the same keys, so a client
 *       cannot escape a block by rotating addresses inside the network it was limited by.</li>
 *   <li>{@link io.warden.rules.ratelimit.RateLimiting} assembles everything from configuration.</li>
 * </ul>
 *
 * <h2>Semantics worth knowing</h2>
 * <ul>
 *   <li>"100 a minute, burst 100" is GCRA: 100 at once, then one every 600 ms. So the 101st
 *       request is refused when the 101 arrive within 600 ms; spread over a minute, about
 *       100 + elapsed/600 ms pass. That is the algorithm the brief asks for (token-bucket
 *       equivalent), not a fixed window.</li>
 *   <li>A violation is a 429 actually sent; {@code detect} mode reports but never counts towards
 *       a block. More than {@code blocking.violationsBeforeBlock} violations within
 *       {@code blocking.window} block the address (the sixth, by default). Violations of the
 *       authenticated tier count against the address too.</li>
 *   <li>Bots: only known attack tools are blocked outright. Other automated clients are
 *       held to the bot tier only while anonymous: the backend has API users who script against
 *       it, and once authenticated they are accountable by identity and their own tier.</li>
 * </ul>
 */
package io.warden.rules.ratelimit;
