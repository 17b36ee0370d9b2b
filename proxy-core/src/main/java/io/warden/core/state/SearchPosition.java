package io.warden.core.state;

import java.time.LocalDate;

/** Where a search stopped: the next page continues below {@code index} of {@code day}. */
record SearchPosition(LocalDate day, int index) {
    static SearchPosition parse(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        int dot = cursor.indexOf('.');
        try {
            if (dot > 0) {
                int index = Integer.parseInt(cursor.substring(dot + 1));
                if (index >= 0) {
                    return new SearchPosition(LocalDate.ofEpochDay(Long.parseLong(cursor.substring(0, dot))), index);
                }
            }
        } catch (NumberFormatException | java.time.DateTimeException bad) {
            // falls through to the refusal
        }
        throw new IllegalArgumentException("cursor is not one this search gave out");
    }

    @Override
    public String toString() {
        return day.toEpochDay() + "." + index;
    }
}
