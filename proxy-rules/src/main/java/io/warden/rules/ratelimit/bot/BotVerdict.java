package io.warden.rules.ratelimit.bot;

import java.util.List;

/**
 * The classification of one request.
 *
 * @param botClass the class
 * @param score 0..100, the sum of the traits' weights
 * @param traits what was seen, e.g. {@code client:curl}, {@code browser-without-accept-language}
 */
public record BotVerdict(BotClass botClass, int score, List<String> traits) {

    public BotVerdict {
        traits = List.copyOf(traits);
    }
}
