package io.warden.rules.inspect.sql;

/**
 * Constructs that mean SQL injection wherever they sit in a value: UNION SELECT, calls of delay,
 * file and error-extraction functions, WAITFOR DELAY, a destructive statement stacked after ';',
 * system variables and system catalogues. Each is confirmed by the grammar from where it starts,
 * so a word alone never counts; each kind is confirmed once, which keeps a scan linear.
 */
final class SqlAnchors {

    private SqlAnchors() {
    }

    /** Confirmation attempts per value: each is a short parse, and decoys cannot make them quadratic. */
    private static final int MAX_ATTEMPTS = 4096;
    /** Tokens a confirmation may read; constructs show their shape well within it. */
    private static final int LOCAL_TOKENS = 1 << 14;

    /**
     * The {@link SqlFragment} flags of every anchored construct in {@code s}. Scans characters
     * (quotes do not hide anything from it) and only reads tokens where a candidate word or mark
     * starts, so chat text costs one pass over its characters.
     */
    static long scan(String s) {
        long flags = 0;
        int attempts = 0;
        int n = s.length();
        int i = 0;
        while (i < n && attempts < MAX_ATTEMPTS) {
            char c = s.charAt(i);
            // A word start here never follows another word character: words are skipped whole.
            if (SqlLexer.isWordStart(c)) {
                int end = i + 1;
                while (end < n && SqlLexer.isWordPart(s.charAt(end))) {
                    end++;
                }
                if (SqlWords.isAnchorCandidate(s, i, end)) {
                    attempts++;
                    flags |= word(SqlLexer.tokenize(s, i, LOCAL_TOKENS), 0, flags);
                }
                i = end;
                continue;
            }
            switch (c) {
                case '@' -> {
                    if (i + 2 < n && s.charAt(i + 1) == '@' && SqlLexer.isWordStart(s.charAt(i + 2))) {
                        flags |= SqlFragment.SYSTEM_VARIABLE;
                    }
                }
                case ';' -> {
                    if ((flags & SqlFragment.STACKED_STRONG) == 0) {
                        attempts++;
                        flags |= stacked(SqlLexer.tokenize(s, i + 1, LOCAL_TOKENS), 0, flags);
                    }
                }
                case '(' -> {
                    if ((flags & SqlFragment.SUBQUERY) == 0 && selectFollows(s, i + 1) && inExpressionPosition(s, i)) {
                        attempts++;
                        SqlTokens t = SqlLexer.tokenize(s, i, LOCAL_TOKENS);
                        flags |= SqlFragmentParser.subqueryAt(t, 0).complete() ? SqlFragment.SUBQUERY : 0;
                    }
                }
                case ':' -> {
                    if (i + 2 < n && s.charAt(i + 1) == ':' && castTypeFollows(s, i + 2)) {
                        flags |= SqlFragment.CAST;
                    }
                }
                case '/' -> {
                    if (s.startsWith("/*!", i)) {
                        flags |= SqlFragment.EXECUTABLE_COMMENT;
                    }
                }
                default -> {
                }
            }
            i++;
        }
        return flags;
    }

    private static boolean selectFollows(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return s.regionMatches(true, i, "select", 0, 6) && (i + 6 >= s.length() || !SqlLexer.isWordPart(s.charAt(i + 6)));
    }

    private static boolean castTypeFollows(String s, int from) {
        int end = from;
        while (end < s.length() && SqlLexer.isWordPart(s.charAt(end))) {
            end++;
        }
        return end > from && SqlWords.isType(s, from, end);
    }

    /**
     * Whether a '(' at {@code at} opens an operand (after an operator, a keyword or the start)
     * rather than a remark after a word ("choose (select one from each)").
     */
    private static boolean inExpressionPosition(String s, int at) {
        int i = at - 1;
        while (i >= 0 && s.charAt(i) == ' ') {
            i--;
        }
        if (i < 0 || !SqlLexer.isWordPart(s.charAt(i))) {
            return true;
        }
        int end = i + 1;
        while (i >= 0 && SqlLexer.isWordPart(s.charAt(i))) {
            i--;
        }
        return SqlWords.isReserved(SqlWords.keyword(s, i + 1, end));
    }

    private static long stacked(SqlTokens t, int next, long found) {
        if ((found & SqlFragment.STACKED_STRONG) != 0 || t.type(next) != SqlTokens.WORD
                || !SqlWords.isStatement(t.keyword(next))) {
            return 0;
        }
        SqlFragment f = SqlFragmentParser.singleStatement(t, next);
        return f.complete() ? f.flags() & (SqlFragment.STACKED_STRONG | SqlFragment.TIME_FUNCTION) : 0;
    }

    private static long word(SqlTokens t, int i, long found) {
        short kw = t.keyword(i);
        if (kw == SqlWords.UNION) {
            return (found & SqlFragment.UNION_SELECT) != 0 ? 0
                    : SqlFragmentParser.unionAt(t, i).flags() & SqlFragment.UNION_SELECT;
        }
        if (kw == SqlWords.WAITFOR && t.keyword(i + 1) == SqlWords.DELAY && t.type(i + 2) == SqlTokens.STRING) {
            return SqlFragment.TIME_FUNCTION;
        }
        if (kw == SqlWords.INTO && t.keyword(i + 1) == SqlWords.OUTFILE) {
            return SqlFragment.INTO_FILE;
        }
        int from = t.start(i);
        int to = t.end(i);
        if (SqlWords.catalogKind(t.source, from, to) == SqlWords.CATALOG_DISTINCT
                || (to - from > 18 && io.warden.rules.inspect.Texts.indexOfIgnoreCase(t.source, "information_schema", from, to) >= 0)) {
            return SqlFragment.CATALOG;
        }
        if (SqlWords.isCharReader(t.source, from, to) && t.type(i + 1) == SqlTokens.LPAREN && t.type(i + 2) == SqlTokens.WORD
                && t.type(i + 3) == SqlTokens.LPAREN && SqlWords.isSubstring(t.source, t.start(i + 2), t.end(i + 2))) {
            return SqlFragment.EXTRACTION;
        }
        if (to - from == 8 && t.source.regionMatches(true, from, "pg_sleep", 0, 8)) {
            return SqlFragment.TIME_FUNCTION;
        }
        int fn = SqlWords.functionKind(t.source, from, to);
        if (fn == SqlWords.FN_FILE || SqlWords.isExtendedProcedure(t.source, from, to)) {
            return SqlFragment.FILE_FUNCTION;
        }
        if (t.type(i + 1) != SqlTokens.LPAREN) {
            return 0;
        }
        if (fn == SqlWords.FN_TIME && (found & SqlFragment.TIME_FUNCTION) == 0) {
            // sleep(5 / benchmark(1000000, : a delay with a count is the probe, whatever follows.
            boolean methodOnNumber = t.type(i + 2) == SqlTokens.NUMBER
                    && t.source.charAt(t.end(i + 2) - 1) == '.' && t.type(i + 3) == SqlTokens.WORD;
            if (t.type(i + 2) == SqlTokens.NUMBER && (t.type(i + 3) == SqlTokens.COMMA
                    || t.type(i + 3) == SqlTokens.RPAREN || t.type(i + 3) == SqlTokens.EOF || methodOnNumber)) {
                return SqlFragment.TIME_FUNCTION;
            }
            return confirmedCall(t, i, SqlFragment.TIME_FUNCTION);
        }
        if (fn == SqlWords.FN_ERROR && (found & SqlFragment.ERROR_FUNCTION) == 0) {
            return confirmedCall(t, i, SqlFragment.ERROR_FUNCTION);
        }
        if (SqlWords.isConvert(t.source, from, to) && t.type(i + 2) == SqlTokens.WORD
                && SqlWords.isType(t.source, t.start(i + 2), t.end(i + 2)) && t.type(i + 3) == SqlTokens.COMMA) {
            // SQL Server's CONVERT(INT, <query>) leaks the query's result in the conversion error.
            return SqlFragment.ERROR_FUNCTION;
        }
        return 0;
    }

    private static long confirmedCall(SqlTokens t, int i, long kind) {
        SqlFragment call = SqlFragmentParser.call(t, i);
        return call.complete() ? call.flags() & (kind | SqlFragment.FILE_FUNCTION | SqlFragment.SUBQUERY) : 0;
    }

    private static boolean anyAnchorCandidate(String s, int from) {
        int n = s.length();
        int i = from;
        while (i < n) {
            while (i < n && !SqlLexer.isWordStart(s.charAt(i))) {
                i++;
            }
            int end = i;
            while (end < n && SqlLexer.isWordPart(s.charAt(end))) {
                end++;
            }
            if (end > i && (SqlWords.isAnchorCandidate(s, i, end) || SqlWords.keyword(s, i, end) == SqlWords.UNION)) {
                return true;
            }
            i = end;
        }
        return false;
    }

    /**
     * Whether text made of letters alone could still be SQL: it starts with a word that can only
     * continue a query, or it holds UNION or a name no prose uses (a system catalogue, an
     * extended stored procedure).
     */
    static boolean hasKeyword(String s) {
        int n = s.length();
        int i = 0;
        boolean first = true;
        while (i < n) {
            if (!first) {
                return anyAnchorCandidate(s, i);
            }
            while (i < n && !SqlLexer.isWordStart(s.charAt(i))) {
                i++;
            }
            int end = i;
            while (end < n && SqlLexer.isWordPart(s.charAt(end))) {
                end++;
            }
            if (end > i) {
                short kw = SqlWords.keyword(s, i, end);
                if (kw == SqlWords.UNION || (first && SqlWords.isClause(kw)) || (first && (kw == SqlWords.OR
                        || kw == SqlWords.AND || kw == SqlWords.XOR || kw == SqlWords.EXEC || kw == SqlWords.SELECT
                        || kw == SqlWords.ORDER || kw == SqlWords.GROUP))
                        || SqlWords.catalogKind(s, i, end) == SqlWords.CATALOG_DISTINCT
                        || SqlWords.functionKind(s, i, end) == SqlWords.FN_FILE
                        || SqlWords.isExtendedProcedure(s, i, end)) {
                    return true;
                }
                first = false;
            }
            i = end;
        }
        return false;
    }
}
