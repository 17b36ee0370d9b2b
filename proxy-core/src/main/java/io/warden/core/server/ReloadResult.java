package io.warden.core.server;

import java.util.List;

/**
 * How a configuration reload went.
 *
 * @param applied whether the new policy is in force
 * @param problems why it was refused (each naming its key); empty when applied
 * @param needsRestart sections that changed but cannot change while running; they keep their old values
 */
public record ReloadResult(boolean applied, List<String> problems, List<String> needsRestart) {

    public ReloadResult {
        problems = List.copyOf(problems);
        needsRestart = List.copyOf(needsRestart);
    }
}
