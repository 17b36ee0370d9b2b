package io.warden.core.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Deletes rolled-over log files ({@code warden.log.2026-11-01.3.gz}) older than {@code maxHistory}
 * days, then the oldest while all together exceed {@code totalSizeCap}. Logback's own remover is
 * not used: it runs one cleaner per rollover on a pool, and cleaners running at once deleted
 * archives of the current day ("historically stale"), losing lines when files rolled over quickly.
 * This runs in the rollover itself, one at a time; a rolled file still waiting for compression is
 * not an archive yet and is not counted.
 */
final class LogArchiveRetention {

    private final Path directory;
    private final Pattern archiveName;
    private final int maxHistoryDays;
    private final long totalSizeCapBytes;

    /**
     * @param activeFile the log file being written; its archives are named after it
     */
    LogArchiveRetention(Path activeFile, int maxHistoryDays, long totalSizeCapBytes) {
        this.directory = activeFile.toAbsolutePath().getParent();
        this.archiveName = Pattern.compile(Pattern.quote(activeFile.getFileName().toString())
                + "\\.(\\d{4}-\\d{2}-\\d{2})\\.(\\d+)\\.gz");
        this.maxHistoryDays = maxHistoryDays;
        this.totalSizeCapBytes = totalSizeCapBytes;
    }

    /** Applies both limits as of {@code today}; returns the files deleted. */
    List<Path> apply(LocalDate today) throws IOException {
        List<Archive> archives = archives();
        archives.sort(Comparator.comparing(Archive::day).thenComparingLong(Archive::index));
        List<Path> deleted = new ArrayList<>();
        LocalDate oldestKept = today.minusDays(maxHistoryDays);
        long total = 0;
        for (Archive a : archives) {
            total += a.size;
        }
        for (Archive a : archives) {
            if (a.day.isBefore(oldestKept) || total > totalSizeCapBytes) {
                if (Files.deleteIfExists(a.path)) {
                    deleted.add(a.path);
                }
                total -= a.size;
            }
        }
        return deleted;
    }

    private List<Archive> archives() throws IOException {
        List<Archive> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = archiveName.matcher(p.getFileName().toString());
                if (m.matches()) {
                    try {
                        found.add(new Archive(p, LocalDate.parse(m.group(1)), Long.parseLong(m.group(2)), Files.size(p)));
                    } catch (DateTimeParseException | NumberFormatException | IOException e) {
                        // not one of ours after all, or gone meanwhile
                    }
                }
            }
        }
        return found;
    }

    private record Archive(Path path, LocalDate day, long index, long size) {
    }
}
