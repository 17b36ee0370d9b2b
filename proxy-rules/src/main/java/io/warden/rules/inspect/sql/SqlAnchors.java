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

    /** The {@link SqlFragment} flags of every anchored construct in the token list. */
    static long scan(SqlTokens t) {
        long flags = t.executableComment ? SqlFragment.EXECUTABLE_COMMENT : 0;
        for (int i = 0; i < t.count; i++) {
            byte ty = t.type[i];
            if (ty == SqlTokens.VARIABLE) {
                if (t.source.startsWith("@@", t.start[i]) && t.length(i) > 2) {
                    flags |= SqlFragment.SYSTEM_VARIABLE;
                }
            } else if (ty == SqlTokens.SEMICOLON) {
                flags |= stacked(t, i + 1, flags);
            } else if (ty == SqlTokens.OPERATOR && t.isOperator(i, "::") && t.type(i + 1) == SqlTokens.WORD
                    && SqlWords.isType(t.source, t.start[i + 1], t.end[i + 1])) {
                flags |= SqlFragment.CAST;
            } else if (ty == SqlTokens.LPAREN && (flags & SqlFragment.SUBQUERY) == 0
                    && t.keyword(i + 1) == SqlWords.SELECT && inExpressionPosition(t, i)) {
                flags |= SqlFragmentParser.subqueryAt(t, i).complete() ? SqlFragment.SUBQUERY : 0;
            } else if (ty == SqlTokens.WORD) {
                flags |= word(t, i, flags);
            }
        }
        return flags;
    }

    /** Whether the token before a '(' lets it open an operand, not a remark after a word. */
    private static boolean inExpressionPosition(SqlTokens t, int i) {
        if (i == 0) {
            return true;
        }
        byte before = t.type(i - 1);
        return before != SqlTokens.WORD || SqlWords.isReserved(t.keyword(i - 1));
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
        int from = t.start[i];
        int to = t.end[i];
        if (SqlWords.catalogKind(t.source, from, to) == SqlWords.CATALOG_DISTINCT
                || (to - from > 18 && containsIgnoreCase(t.source, from, to, "information_schema"))) {
            return SqlFragment.CATALOG;
        }
        if (SqlWords.isCharReader(t.source, from, to) && t.type(i + 1) == SqlTokens.LPAREN && t.type(i + 2) == SqlTokens.WORD
                && t.type(i + 3) == SqlTokens.LPAREN && SqlWords.isSubstring(t.source, t.start[i + 2], t.end[i + 2])) {
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
                    && t.source.charAt(t.end[i + 2] - 1) == '.' && t.type(i + 3) == SqlTokens.WORD;
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
                && SqlWords.isType(t.source, t.start[i + 2], t.end[i + 2]) && t.type(i + 3) == SqlTokens.COMMA) {
            // SQL Server's CONVERT(INT, <query>) leaks the query's result in the conversion error.
            return SqlFragment.ERROR_FUNCTION;
        }
        return 0;
    }

    private static long confirmedCall(SqlTokens t, int i, long kind) {
        SqlFragment call = SqlFragmentParser.call(t, i);
        return call.complete() ? call.flags() & (kind | SqlFragment.FILE_FUNCTION | SqlFragment.SUBQUERY) : 0;
    }

    private static boolean containsIgnoreCase(String s, int from, int to, String needle) {
        for (int i = from; i + needle.length() <= to; i++) {
            if (s.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
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
