package io.warden.rules.inspect.xss;

/**
 * Reads HTML start tags and their attributes the way a browser's tokenizer would, leniently:
 * '/' and control characters separate attributes, values may be quoted with ", ' or `, and a
 * tag left open at the end of input still counts (the page's own markup would close it).
 * A cursor over one string; every method advances, so a full read is linear.
 */
final class TagReader {

    private final String s;
    private int pos;

    int tagStart;
    int nameStart;
    int nameEnd;
    boolean closing;
    int tagEnd;

    int attrNameStart;
    int attrNameEnd;
    int valueStart;
    int valueEnd;
    private int attrPos;

    TagReader(String s) {
        this.s = s;
    }

    /** Moves to the next tag ({@code <name} or {@code </name}); false when there is none. */
    boolean next() {
        int n = s.length();
        while (pos < n) {
            int lt = s.indexOf('<', pos);
            if (lt < 0 || lt + 1 >= n) {
                pos = n;
                return false;
            }
            int i = lt + 1;
            boolean isClosing = s.charAt(i) == '/';
            if (isClosing) {
                i++;
            }
            if (i < n && isNameStart(s.charAt(i))) {
                tagStart = lt;
                closing = isClosing;
                nameStart = i;
                int end = i + 1;
                while (end < n && isNamePart(s.charAt(end))) {
                    end++;
                }
                nameEnd = end;
                attrPos = end;
                tagEnd = findTagEnd(end);
                pos = Math.max(end, Math.min(tagEnd + 1, n));
                return true;
            }
            pos = lt + 1;
        }
        return false;
    }

    /** The tag's local name, ignoring a namespace prefix ({@code x:script} is {@code script}). */
    boolean nameIs(String lowerName) {
        int colon = lastColon(nameStart, nameEnd);
        int from = colon >= 0 ? colon + 1 : nameStart;
        return nameEnd - from == lowerName.length() && s.regionMatches(true, from, lowerName, 0, lowerName.length());
    }

    /** Whether the tag name has the namespace prefix {@code prefix} ({@code svg:mask}). */
    boolean prefixIs(String lowerPrefix) {
        int len = lowerPrefix.length();
        return nameEnd - nameStart > len + 1 && s.charAt(nameStart + len) == ':'
                && s.regionMatches(true, nameStart, lowerPrefix, 0, len);
    }

    /** Whether anything but separators stands between the tag name and its end (without reading it). */
    boolean hasAttributes() {
        for (int i = nameEnd; i < tagEnd; i++) {
            if (!isSeparator(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Moves to the tag's next attribute; false at the end of the tag. */
    boolean nextAttribute() {
        int i = attrPos;
        while (i < tagEnd && isSeparator(s.charAt(i))) {
            i++;
        }
        if (i >= tagEnd) {
            attrPos = tagEnd;
            return false;
        }
        attrNameStart = i;
        i++;
        while (i < tagEnd && !isSeparator(s.charAt(i)) && s.charAt(i) != '=') {
            i++;
        }
        attrNameEnd = i;
        int j = i;
        while (j < tagEnd && isSpace(s.charAt(j))) {
            j++;
        }
        valueStart = -1;
        valueEnd = -1;
        if (j < tagEnd && s.charAt(j) == '=') {
            j++;
            while (j < tagEnd && isSpace(s.charAt(j))) {
                j++;
            }
            if (j < s.length() && isQuote(s.charAt(j))) {
                char q = s.charAt(j);
                int close = s.indexOf(q, j + 1);
                valueStart = j + 1;
                valueEnd = close < 0 ? s.length() : close;
                i = close < 0 ? s.length() : close + 1;
            } else {
                valueStart = j;
                while (j < tagEnd && !isSpace(s.charAt(j))) {
                    j++;
                }
                valueEnd = j;
                i = j;
            }
        }
        attrPos = Math.max(i, attrNameStart + 1);
        return true;
    }

    boolean attributeIs(String lowerName) {
        int len = attrNameEnd - attrNameStart;
        int colon = lastColon(attrNameStart, attrNameEnd);
        if (colon >= 0) {
            return attrNameEnd - colon - 1 == lowerName.length()
                    && s.regionMatches(true, colon + 1, lowerName, 0, lowerName.length());
        }
        return len == lowerName.length() && s.regionMatches(true, attrNameStart, lowerName, 0, len);
    }

    /** Whether the attribute is an event handler: {@code on} and at least three letters. */
    boolean attributeIsHandler() {
        int len = attrNameEnd - attrNameStart;
        if (len < 5 || (s.charAt(attrNameStart) | 0x20) != 'o' || (s.charAt(attrNameStart + 1) | 0x20) != 'n') {
            return false;
        }
        for (int i = attrNameStart + 2; i < attrNameEnd; i++) {
            int l = s.charAt(i) | 0x20;
            if (l < 'a' || l > 'z') {
                return false;
            }
        }
        return true;
    }

    boolean hasValue() {
        return valueStart >= 0;
    }

    /**
     * The end of the tag: the first '>' outside a quoted attribute value, or the end of input.
     * Quotes are followed only when they open a value, as a browser does.
     */
    private int findTagEnd(int from) {
        int n = s.length();
        int i = from;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '>') {
                return i;
            }
            if (c == '=') {
                int j = i + 1;
                while (j < n && isSpace(s.charAt(j))) {
                    j++;
                }
                if (j < n && isQuote(s.charAt(j))) {
                    int close = s.indexOf(s.charAt(j), j + 1);
                    if (close < 0) {
                        return n;
                    }
                    i = close + 1;
                    continue;
                }
            }
            i++;
        }
        return n;
    }

    /** The last ':' in {@code s[from, to)}, or -1; bounded, as a tag may hold thousands of names. */
    private int lastColon(int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (s.charAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isNameStart(char c) {
        int l = c | 0x20;
        return l >= 'a' && l <= 'z';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
    }

    static boolean isSpace(char c) {
        return c <= 0x20 || c == 0x7f;
    }

    private static boolean isSeparator(char c) {
        return isSpace(c) || c == '/' || c == '"' || c == '\'' || c == '`';
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }
}
