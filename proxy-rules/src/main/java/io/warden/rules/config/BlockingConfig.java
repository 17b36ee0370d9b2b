package io.warden.rules.config;

/**
 * @param violationsBeforeBlock rejected requests within the window that block the address
 * @param blockMinutes how long a first block lasts
 */
public record BlockingConfig(int violationsBeforeBlock, int blockMinutes) {

    public static BlockingConfig defaults() {
        return new BlockingConfig(5, 15);
    }

    void validate(Problems p) {
        p.positive("blocking.violationsBeforeBlock", violationsBeforeBlock);
        p.positive("blocking.blockMinutes", blockMinutes);
    }
}
