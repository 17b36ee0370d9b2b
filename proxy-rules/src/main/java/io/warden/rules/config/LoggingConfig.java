package io.warden.rules.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * @param format text or json, for every log line
 * @param accessLog one line per request
 * @param file a log file to write instead of standard output, or null for standard output;
 *             rolled over daily and whenever it reaches {@code maxFileSize}
 * @param maxFileSize the size at which the log file is rolled over, e.g. {@code 100MB}
 * @param maxHistory days of rolled-over log files kept
 * @param totalSizeCap all rolled-over log files together; past it the oldest are deleted
 */
public record LoggingConfig(LogFormat format, boolean accessLog, String file, String maxFileSize, int maxHistory,
                            String totalSizeCap) {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})\\s*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);
    private static final long MIN_FILE_SIZE = 1024;

    public static LoggingConfig defaults() {
        return new LoggingConfig(LogFormat.TEXT, true, null, "100MB", 14, "1GB");
    }

    /** {@code maxFileSize} in bytes; call only on a validated config. */
    public long maxFileSizeBytes() {
        return bytes(maxFileSize);
    }

    /** {@code totalSizeCap} in bytes; call only on a validated config. */
    public long totalSizeCapBytes() {
        return bytes(totalSizeCap);
    }

    void validate(Problems p) {
        p.required("logging.format", format);
        if (file != null && file.isBlank()) {
            p.add("logging.file", "must be a file path, or null for standard output");
        }
        Long fileBytes = parsed(p, "logging.maxFileSize", maxFileSize);
        if (fileBytes != null && fileBytes < MIN_FILE_SIZE) {
            p.add("logging.maxFileSize", "must be at least 1KB, got '" + maxFileSize + "'");
        }
        p.positive("logging.maxHistory", maxHistory);
        Long capBytes = parsed(p, "logging.totalSizeCap", totalSizeCap);
        if (fileBytes != null && capBytes != null && capBytes < fileBytes) {
            p.add("logging.totalSizeCap", "must be at least logging.maxFileSize (" + maxFileSize + "), got '"
                    + totalSizeCap + "'");
        }
    }

    private static Long parsed(Problems p, String key, String size) {
        try {
            return bytes(size);
        } catch (IllegalArgumentException e) {
            p.add(key, e.getMessage());
            return null;
        }
    }

    /** Sizes as operators write them: {@code 512KB}, {@code 100MB}, {@code 1GB}; units of 1024. */
    static long bytes(String text) {
        Matcher m = text == null ? null : SIZE.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("expected a size such as 512KB, 100MB or 1GB, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        return switch (unit) {
            case "KB" -> amount << 10;
            case "MB" -> amount << 20;
            case "GB" -> amount << 30;
            default -> amount;
        };
    }
}
