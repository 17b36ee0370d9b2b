package io.warden.rules.inspect.sql;

/**
 * Splits text into SQL tokens the way a lenient database lexer would (MySQL's comment and
 * escape rules, the other dialects' operators). Inline block comments are whitespace, MySQL
 * executable comments ({@code /*!50000 union*}{@code /}) are opened up, a line comment or an
 * unterminated block comment becomes one COMMENT token. Never fails; one pass.
 */
final class SqlLexer {


    private SqlLexer() {
    }

    /**
     * A lazy token list over {@code s[from..)}: tokens are read as the parser asks for them, so
     * prose that leaves the grammar after two words costs two tokens, not a full pass.
     */
    static SqlTokens tokenize(String s, int from, int maxTokens) {
        return new SqlTokens(s, from, maxTokens);
    }

    /** Reads the next token into {@code t}, or marks it done at the end of input. */
    static void next(SqlTokens t) {
        String s = t.source;
        int n = s.length();
        int i = t.lexPos;
        while (i < n) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < n && isEscapedSpace(s.charAt(i + 1))) {
                i += 2;
                continue;
            }
            if (c == '\\' && i + 1 < n && s.charAt(i + 1) == 'N') {
                // MySQL's \N is NULL.
                t.add(SqlTokens.WORD, SqlWords.NULL, (byte) 0, i, i + 2);
                t.lexPos = i + 2;
                return;
            }
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                if (i + 2 < n && s.charAt(i + 2) == '!') {
                    t.inlineComments = true;
                    t.executableComment = true;
                    t.inExecutableComment = true;
                    i += 3;
                    while (i < n && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                    continue;
                }
                int close = s.indexOf("*/", i + 2);
                if (close < 0) {
                    t.add(SqlTokens.COMMENT, (short) 0, (byte) 0, i, n);
                    t.lexPos = n;
                    t.done = true;
                    return;
                }
                t.inlineComments = true;
                i = close + 2;
                continue;
            }
            if (c == '*' && t.inExecutableComment && i + 1 < n && s.charAt(i + 1) == '/') {
                t.inExecutableComment = false;
                i += 2;
                continue;
            }
            if ((c == '-' && i + 1 < n && s.charAt(i + 1) == '-') || c == '\u2013' || c == '\u2014'
                    || (c == '#' && !(i + 1 < n && (s.charAt(i + 1) == '>' || s.charAt(i + 1) == '-')))) {
                int eol = lineEnd(s, i);
                if (onlySpaceAfter(s, eol)) {
                    t.add(SqlTokens.COMMENT, (short) 0, (byte) 0, i, n);
                    t.lexPos = n;
                    t.done = true;
                    return;
                }
                // A line comment with code on the next line hides nothing: it is whitespace.
                t.inlineComments = true;
                i = eol;
                continue;
            }
            t.lexPos = token(s, i, t);
            return;
        }
        t.lexPos = n;
        t.done = true;
    }

    private static int token(String s, int i, SqlTokens t) {
        int n = s.length();
        char c = s.charAt(i);
        if (c == '\'' || c == '"') {
            return string(s, i, i + 1, c, t);
        }
        if (c == '`') {
            int close = s.indexOf('`', i + 1);
            int end = close < 0 ? n : close + 1;
            t.add(SqlTokens.QUOTED_NAME, (short) 0, (byte) 0, i, end);
            return end;
        }
        if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
            return number(s, i, t);
        }
        if (isWordStart(c)) {
            int end = i + 1;
            while (end < n && isWordPart(s.charAt(end))) {
                end++;
            }
            // N'..', X'..', B'..', E'..': a one-letter prefix glued to a string literal.
            if (end == i + 1 && end < n && (s.charAt(end) == '\'') && "nNxXbBeE".indexOf(c) >= 0) {
                return string(s, i, end + 1, '\'', t);
            }
            t.add(SqlTokens.WORD, SqlTokens.UNKNOWN_KEYWORD, (byte) 0, i, end);
            return end;
        }
        if (c == '@') {
            int end = i + 1;
            if (end < n && s.charAt(end) == '@') {
                end++;
            }
            int nameStart = end;
            while (end < n && (isWordPart(s.charAt(end)) || s.charAt(end) == '.')) {
                end++;
            }
            if (end > nameStart) {
                t.add(SqlTokens.VARIABLE, (short) 0, (byte) 0, i, end);
                return end;
            }
        }
        switch (c) {
            case '(':
                t.add(SqlTokens.LPAREN, (short) 0, (byte) 0, i, i + 1);
                return i + 1;
            case ')':
                t.add(SqlTokens.RPAREN, (short) 0, (byte) 0, i, i + 1);
                return i + 1;
            case ',':
                t.add(SqlTokens.COMMA, (short) 0, (byte) 0, i, i + 1);
                return i + 1;
            case ';':
                t.add(SqlTokens.SEMICOLON, (short) 0, (byte) 0, i, i + 1);
                return i + 1;
            case '.':
                t.add(SqlTokens.DOT, (short) 0, (byte) 0, i, i + 1);
                return i + 1;
            default:
                break;
        }
        int op = operatorLength(s, i);
        if (op > 0) {
            t.add(SqlTokens.OPERATOR, (short) 0, (byte) 0, i, i + op);
            return i + op;
        }
        t.add(SqlTokens.OTHER, (short) 0, (byte) 0, i, i + 1);
        return i + 1;
    }

    /**
     * The length of the operator at {@code i}, longest match first, or 0: the comparison, logic,
     * arithmetic and bit operators of the dialects, PostgreSQL's JSON and cast operators
     * ({@code ->>}, {@code #>}, {@code @>}, {@code ?|}, {@code ::}) and JavaScript's {@code ===}.
     */
    private static int operatorLength(String s, int i) {
        int n = s.length();
        char d = i + 1 < n ? s.charAt(i + 1) : 0;
        char e = i + 2 < n ? s.charAt(i + 2) : 0;
        switch (s.charAt(i)) {
            case '=':
                return d == '=' ? (e == '=' ? 3 : 2) : 1;
            case '!':
                if (d == '=') {
                    return e == '=' ? 3 : 2;
                }
                if (d == '~') {
                    return e == '*' ? 3 : 2;
                }
                return 1;
            case '<':
                if (d == '=') {
                    return e == '>' ? 3 : 2;
                }
                return d == '>' || d == '<' || d == '@' ? 2 : 1;
            case '>':
                return d == '=' || d == '>' ? 2 : 1;
            case '|':
                return d == '|' ? 2 : 1;
            case '&':
                return d == '&' ? 2 : 1;
            case ':':
                return d == '=' || d == ':' ? 2 : 1;
            case '-':
                return d == '>' ? (e == '>' ? 3 : 2) : 1;
            case '#':
                if (d == '>') {
                    return e == '>' ? 3 : 2;
                }
                return d == '-' ? 2 : 0;
            case '@':
                return d == '>' ? 2 : 0;
            case '~':
                return d == '*' ? 2 : 1;
            case '?':
                return d == '|' || d == '&' ? 2 : 1;
            case '+', '*', '/', '%', '^':
                return 1;
            default:
                return 0;
        }
    }

    /** A string literal starting at {@code at} whose content begins at {@code contentStart}. */
    static int string(String s, int at, int contentStart, char quote, SqlTokens t) {
        int n = s.length();
        int i = contentStart;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < n && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                t.add(SqlTokens.STRING, (short) 0, (byte) 0, at, i + 1);
                return i + 1;
            }
            i++;
        }
        t.add(SqlTokens.STRING, (short) 0, SqlTokens.OPEN_STRING, at, n);
        return n;
    }

    private static int number(String s, int i, SqlTokens t) {
        int n = s.length();
        int end = i;
        if (s.charAt(i) == '0' && i + 2 < n && ((s.charAt(i + 1) | 0x20) == 'x' || (s.charAt(i + 1) | 0x20) == 'b')
                && isHexDigit(s.charAt(i + 2))) {
            end = i + 2;
            while (end < n && isHexDigit(s.charAt(end))) {
                end++;
            }
            t.add(SqlTokens.NUMBER, (short) 0, SqlTokens.HEX_NUMBER, i, end);
            return end;
        }
        while (end < n && isDigit(s.charAt(end))) {
            end++;
        }
        if (end < n && s.charAt(end) == '.') {
            end++;
            while (end < n && isDigit(s.charAt(end))) {
                end++;
            }
        }
        if (end + 1 < n && (s.charAt(end) | 0x20) == 'e'
                && (isDigit(s.charAt(end + 1)) || ((s.charAt(end + 1) == '-' || s.charAt(end + 1) == '+')
                && end + 2 < n && isDigit(s.charAt(end + 2))))) {
            end += 2;
            while (end < n && isDigit(s.charAt(end))) {
                end++;
            }
        }
        if (end + 1 < n && "fFdD".indexOf(s.charAt(end)) >= 0 && keywordAt(s, end + 1)) {
            // Oracle's BINARY_FLOAT/DOUBLE suffix glued to a keyword: 1fUNION is 1f UNION.
            end++;
        }
        t.add(SqlTokens.NUMBER, (short) 0, (byte) 0, i, end);
        return end;
    }

    /** Whether a reserved keyword (UNION, FROM, OR) starts at {@code from}. */
    private static boolean keywordAt(String s, int from) {
        int end = from;
        while (end < s.length() && isWordPart(s.charAt(end))) {
            end++;
        }
        return end > from && SqlWords.isReserved(SqlWords.keyword(s, from, end));
    }

    private static boolean onlySpaceAfter(String s, int from) {
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (!isSpace(c) && !(c == '\\' && i + 1 < n && isEscapedSpace(s.charAt(i + 1)))) {
                return false;
            }
            if (c == '\\') {
                i++;
            }
        }
        return true;
    }

    private static int lineEnd(String s, int from) {
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
            if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == 'n' || s.charAt(i + 1) == 'r')) {
                return i;
            }
        }
        return s.length();
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /** Payload lists write line breaks as the two characters {@code \n}; read them as a break. */
    private static boolean isEscapedSpace(char c) {
        return c == 'n' || c == 'r' || c == 't';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        int l = c | 0x20;
        return isDigit(c) || (l >= 'a' && l <= 'f');
    }

    private static final byte START = 1;
    private static final byte PART = 2;
    /** ASCII character classes, so the hot scanning loops test a table rather than ranges. */
    private static final byte[] ASCII = asciiClasses();

    private static byte[] asciiClasses() {
        byte[] classes = new byte[128];
        for (int c = 0; c < 128; c++) {
            int l = c | 0x20;
            boolean start = (l >= 'a' && l <= 'z') || c == '_' || c == '$';
            classes[c] = (byte) ((start ? START | PART : 0) | (c >= '0' && c <= '9' ? PART : 0));
        }
        return classes;
    }

    static boolean isWordStart(char c) {
        return c < 128 ? (ASCII[c] & START) != 0 : Character.isLetter(c);
    }

    static boolean isWordPart(char c) {
        return c < 128 ? (ASCII[c] & PART) != 0 : Character.isLetter(c);
    }
}
