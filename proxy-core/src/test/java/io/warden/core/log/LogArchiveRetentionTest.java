package io.warden.core.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LogArchiveRetentionTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @TempDir
    Path dir;

    @Test
    void archivesOlderThanMaxHistoryDaysAreDeletedAndTodaysKept() throws Exception {
        archive("2026-11-20", 0, 10);
        archive("2026-11-22", 0, 10);
        archive("2026-11-23", 0, 10);
        archive("2026-11-30", 0, 10);
        archive("2026-11-30", 1, 10);

        new LogArchiveRetention(dir.resolve("warden.log"), 7, 1 << 30).apply(TODAY);

        assertThat(names()).containsExactly("warden.log", "warden.log.2026-11-23.0.gz", "warden.log.2026-11-30.0.gz",
                "warden.log.2026-11-30.1.gz");
    }

    @Test
    void pastTheTotalSizeCapTheOldestGoFirstByDayThenIndex() throws Exception {
        archive("2026-11-29", 2, 100);
        archive("2026-11-29", 10, 100);
        archive("2026-11-30", 0, 100);
        archive("2026-11-30", 1, 100);

        new LogArchiveRetention(dir.resolve("warden.log"), 7, 250).apply(TODAY);

        assertThat(names()).containsExactly("warden.log", "warden.log.2026-11-30.0.gz", "warden.log.2026-11-30.1.gz");
    }

    @Test
    void filesThatAreNotItsArchivesAreLeftAlone() throws Exception {
        archive("2026-01-01", 0, 10);
        Files.writeString(dir.resolve("warden.log.2026-01-01.1"), "rolled, waiting for compression");
        Files.writeString(dir.resolve("other.log.2026-01-01.0.gz"), "another log's archive");
        Files.writeString(dir.resolve("warden.log.notes"), "an operator's file");

        new LogArchiveRetention(dir.resolve("warden.log"), 7, 1 << 30).apply(TODAY);

        assertThat(names()).containsExactly("other.log.2026-01-01.0.gz", "warden.log", "warden.log.2026-01-01.1",
                "warden.log.notes");
    }

    private void archive(String day, int index, int bytes) throws Exception {
        Files.writeString(dir.resolve("warden.log"), "");
        Files.write(dir.resolve("warden.log." + day + "." + index + ".gz"), new byte[bytes]);
    }

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
