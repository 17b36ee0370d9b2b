package io.warden.rules.config;

import java.util.List;

/**
 * Bot and scanner detection ({@code rateLimit.bots}).
 *
 * @param mode enforce (scanners blocked, automated clients on the bot tier), detect (events
 *             only) or off
 * @param perMinute requests a minute per address for anonymous automated clients
 * @param burst requests an idle automated client may send at once; null means {@code perMinute}
 * @param threshold the score (0..100) from which an anonymous client counts as automated
 * @param blockScanners whether a known attack tool's User-Agent blocks the address at once
 * @param scannerAgents more User-Agent fragments (case-insensitive) of attack tools, beyond the built-in list
 * @param automatedAgents more User-Agent fragments of non-browser clients, beyond the built-in list
 * @param cadenceSamples inter-arrival times per address needed before cadence counts; 0 turns it off
 */
public record BotConfig(LimitMode mode, int perMinute, Integer burst, int threshold, boolean blockScanners,
                        List<String> scannerAgents, List<String> automatedAgents, int cadenceSamples) {

    public static BotConfig defaults() {
        return new BotConfig(LimitMode.ENFORCE, 30, null, 50, true, List.of(), List.of(), 8);
    }

    public int effectiveBurst() {
        return burst == null ? perMinute : burst;
    }

    void validate(Problems p) {
        p.required("rateLimit.bots.mode", mode);
        p.positive("rateLimit.bots.perMinute", perMinute);
        if (burst != null) {
            p.positive("rateLimit.bots.burst", burst);
        }
        if (threshold < 1 || threshold > 100) {
            p.add("rateLimit.bots.threshold", "must be in 1..100, got " + threshold);
        }
        p.each("rateLimit.bots.scannerAgents", scannerAgents, BotConfig::fragment);
        p.each("rateLimit.bots.automatedAgents", automatedAgents, BotConfig::fragment);
        if (cadenceSamples != 0 && (cadenceSamples < 4 || cadenceSamples > 64)) {
            p.add("rateLimit.bots.cadenceSamples", "must be 0 (off) or in 4..64, got " + cadenceSamples);
        }
    }

    private static void fragment(String agent) {
        if (agent == null || agent.isBlank()) {
            throw new IllegalArgumentException("must be a non-empty User-Agent fragment");
        }
    }
}
