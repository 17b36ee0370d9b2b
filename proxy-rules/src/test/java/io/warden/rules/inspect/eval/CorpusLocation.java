package io.warden.rules.inspect.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared evaluation corpus: the system property {@code warden.corpus.dir} when set,
 * otherwise a {@code shared/corpus/dev} directory beside the working directory or one of its
 * ancestors (the repository checks out next to {@code shared/}).
 */
final class CorpusLocation {

    static final String PROPERTY = "warden.corpus.dir";

    private CorpusLocation() {
    }

    static Optional<Path> devDirectory() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        }
        Path at = Path.of("").toAbsolutePath();
        while (at != null) {
            Path candidate = at.resolve("shared").resolve("corpus").resolve("dev");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
            at = at.getParent();
        }
        return Optional.empty();
    }
}
