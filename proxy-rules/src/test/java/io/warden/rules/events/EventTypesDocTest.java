package io.warden.rules.events;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the event-type table of docs/events.md equal to {@link EventType}, families included. */
class EventTypesDocTest {

    private static final Path EVENTS = Path.of("..", "docs", "events.md");
    private static final String TABLE_HEADER = "| event_type | family | recorded when |";

    @Test
    void everyEventTypeIsDocumentedWithItsFamilyAndNoOther() throws Exception {
        Map<String, String> code = Arrays.stream(EventType.values()).collect(Collectors.toMap(
                EventType::wireName, t -> t.category().wireName(), (a, b) -> a, LinkedHashMap::new));
        assertThat(documented(Files.readAllLines(EVENTS)))
                .as("docs/events.md's table headed '%s' must list every EventType as | `wire_name` | `family` | when |",
                        TABLE_HEADER)
                .containsExactlyInAnyOrderEntriesOf(code);
    }

    @Test
    void threatLevelsAreDocumented() throws Exception {
        String text = Files.readString(EVENTS);
        for (ThreatLevel level : ThreatLevel.values()) {
            assertThat(text).contains("`" + level.wireName() + "`");
        }
    }

    private static Map<String, String> documented(List<String> lines) {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.equals(TABLE_HEADER)) {
                inTable = true;
            } else if (!trimmed.startsWith("|")) {
                inTable = false;
            } else if (inTable && !trimmed.startsWith("| ---")) {
                String[] cells = trimmed.split("\\|", -1);
                rows.put(unquote(cells[1]), unquote(cells[2]));
            }
        }
        return rows;
    }

    private static String unquote(String cell) {
        return cell.trim().replace("`", "");
    }
}
