package io.warden.rules.inspect.extract;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Splits a {@code multipart/form-data} body at its boundary and hands each part's name, file
 * name and, for text parts, its content to a visitor. Binary file parts are skipped (their file
 * name is still visited). Bounded: at most {@code maxParts} parts, part headers of at most
 * {@link #MAX_HEADER_BYTES}; a malformed or cut-off body yields the parts found so far.
 */
public final class MultipartParts {

    private static final int MAX_HEADER_BYTES = 8 * 1024;

    /** Receives one part; {@code fileName} is null for a plain field, {@code text} null for a binary file. */
    @FunctionalInterface
    public interface Visitor {
        void part(String name, String fileName, String text);
    }

    private MultipartParts() {
    }

    public static void forEach(byte[] body, String boundary, int maxParts, Visitor visitor) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            return;
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0, body.length);
        int parts = 0;
        while (at >= 0 && parts < maxParts) {
            int afterDelimiter = at + delimiter.length;
            if (afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                return;
            }
            int headersStart = skipLineEnd(body, afterDelimiter);
            int limit = Math.min(body.length, headersStart + MAX_HEADER_BYTES + 4);
            int headersEnd = indexOf(body, CRLF_CRLF, headersStart, limit);
            int separator = CRLF_CRLF.length;
            if (headersEnd < 0) {
                headersEnd = indexOf(body, LF_LF, headersStart, limit);
                separator = LF_LF.length;
            }
            if (headersEnd < 0) {
                return;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + separator;
            int next = indexOf(body, delimiter, contentStart, body.length);
            int contentEnd = next < 0 ? body.length : Math.max(contentStart, next - 2);
            visit(headers, body, contentStart, contentEnd, visitor);
            parts++;
            at = next;
        }
    }

    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
    private static final byte[] LF_LF = {'\n', '\n'};

    private static void visit(String headers, byte[] body, int from, int to, Visitor visitor) {
        String disposition = header(headers, "content-disposition");
        String name = disposition == null ? "" : MediaType.parameter(disposition, "name");
        String fileName = disposition == null ? null : MediaType.parameter(disposition, "filename");
        String type = header(headers, "content-type");
        boolean text = fileName == null || (type != null && MediaType.of(type) != MediaType.OTHER);
        String content = text ? new String(body, from, Math.max(0, to - from), StandardCharsets.UTF_8) : null;
        visitor.part(name == null ? "" : name, fileName, content);
    }

    private static String header(String headers, String name) {
        int start = 0;
        while (start < headers.length()) {
            int end = headers.indexOf('\n', start);
            if (end < 0) {
                end = headers.length();
            }
            String line = headers.substring(start, end);
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
            start = end + 1;
        }
        return null;
    }

    private static int skipLineEnd(byte[] body, int at) {
        if (at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n') {
            return at + 2;
        }
        if (at < body.length && body[at] == '\n') {
            return at + 1;
        }
        return at;
    }

    /** Naive search: the needle is a boundary of at most ~70 bytes, so this stays linear in practice. */
    static int indexOf(byte[] haystack, byte[] needle, int from, int to) {
        int last = to - needle.length;
        outer:
        for (int i = Math.max(0, from); i <= last; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
