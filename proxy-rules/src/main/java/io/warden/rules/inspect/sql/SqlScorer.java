package io.warden.rules.inspect.sql;

import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;

/**
 * Turns the readings of one value into rule scores. Each reading is scored on its own and the
 * best score per rule is kept. A score of 10 is certain, 7-8 is what a working injection looks
 * like, below that are shapes that also occur in odd but honest input.
 */
final class SqlScorer {

    /** Where the reading placed the input. */
    enum Reading { VALUE, AFTER_VALUE, STATEMENT, QUOTED }

    private static final long TRUNCATED = SqlFragment.COMMENT_END | SqlFragment.OPEN_STRING_END
            | SqlFragment.SEMICOLON_END;
    /** In a quoted reading, running out mid-construct is as good an ending as a comment. */
    private static final long QUOTED_TRUNCATED = TRUNCATED | SqlFragment.DANGLING;
    private static final long EVIDENCE_IN_STATEMENT = SqlFragment.EXTRACTION | SqlFragment.HEX_LITERAL | SqlFragment.SYSTEM_VARIABLE
            | SqlFragment.INFO_FUNCTION | SqlFragment.CATALOG | SqlFragment.SUBQUERY | SqlFragment.TIME_FUNCTION
            | SqlFragment.ERROR_FUNCTION | SqlFragment.FILE_FUNCTION | SqlFragment.CHAR_CODE
            | SqlFragment.INLINE_COMMENT | SqlFragment.INTO_FILE | SqlFragment.LITERAL_COMPARISON
            | SqlFragment.CASE_WHEN | SqlFragment.DANGLING_CALL;

    private static final Rule[] RULES = rules();

    private final int[] best = new int[RULES.length];
    private final int[] where = new int[RULES.length];
    private final int[] current = new int[RULES.length];
    /**
     * The rules (bits by ordinal) the reading being scored raised, and those with a best score:
     * a value raises one or two of the many rules, so folding and reporting visit only those.
     */
    private long raised;
    private long kept;
    private boolean startsWithFunctionName;

    /**
     * Scores one reading.
     *
     * @param at where the reading starts in the text (for the excerpt)
     * @param prose the text before a breakout quote reads as a sentence
     * @param bareBreakout the text before a breakout quote is at most one token, and what follows
     *                     the quote is only a comment or ';' with nothing in it
     */
    void score(SqlFragment f, Reading reading, int at, boolean prose, boolean bareBreakout) {
        score(f, reading, at, prose, bareBreakout, false, false);
    }

    private boolean singleTokenPrefix;

    /** Scores a quoted reading whose prefix (the text before the quote) is at most one token. */
    void scoreQuoted(SqlFragment f, int at, boolean prose, boolean bareBreakout, boolean singleToken) {
        singleTokenPrefix = singleToken;
        score(f, Reading.QUOTED, at, prose, bareBreakout, false, false);
        singleTokenPrefix = false;
    }

    /**
     * Scores one reading; {@code startsWithParen} and {@code startsWithFunctionName} describe the
     * first token of a value reading.
     */
    void score(SqlFragment f, Reading reading, int at, boolean prose, boolean bareBreakout, boolean startsWithParen,
               boolean startsWithFunctionName) {
        this.startsWithFunctionName = startsWithFunctionName;
        if (f.has(SqlFragment.UNION_SELECT)) {
            raise(Rule.SQLI_UNION, 10);
        }
        if (reading == Reading.STATEMENT && execOnly) {
            raise(Rule.SQLI_STACKED, 7);
        }
        if (f.complete()) {
            switch (reading) {
                case STATEMENT -> statement(f);
                case QUOTED -> {
                    common(f, true);
                    quoted(f, bareBreakout);
                }
                default -> {
                    common(f, false);
                    unquoted(f, reading, startsWithParen, startsWithFunctionName);
                }
            }
        }
        merge(at, prose);
    }

    private boolean execOnly;

    /** Marks that the value is just {@code EXEC name} (or EXEC cut off at a call): a stored-procedure call. */
    void execOnly(boolean value) {
        this.execOnly = value;
    }

    /** A breakout quote followed straight by a statement keyword and a stub: {@code 'UNION A}, {@code ";SELECT P}. */
    void keywordProbe(int at) {
        raise(Rule.SQLI_FRAGMENT, 7);
        merge(at, false);
    }

    /** Constructs found anywhere by {@link SqlAnchors}. */
    void anchors(long flags, int at) {
        if ((flags & SqlFragment.UNION_SELECT) != 0) {
            raise(Rule.SQLI_UNION, 10);
        }
        if ((flags & SqlFragment.TIME_FUNCTION) != 0) {
            raise(Rule.SQLI_TIME, 10);
        }
        if ((flags & (SqlFragment.FILE_FUNCTION | SqlFragment.INTO_FILE)) != 0) {
            raise(Rule.SQLI_FILE, 10);
        }
        if ((flags & SqlFragment.ERROR_FUNCTION) != 0) {
            raise(Rule.SQLI_ERROR, 10);
        }
        if ((flags & SqlFragment.STACKED_STRONG) != 0) {
            raise(Rule.SQLI_STACKED, 8);
        }
        if ((flags & SqlFragment.SUBQUERY) != 0) {
            raise(Rule.SQLI_SUBQUERY, 8);
        }
        if ((flags & (SqlFragment.SYSTEM_VARIABLE | SqlFragment.CATALOG)) != 0) {
            raise(Rule.SQLI_FINGERPRINT, 7);
        }
        if ((flags & SqlFragment.EXTRACTION) != 0) {
            raise(Rule.SQLI_BOOLEAN, 8);
        }
        if ((flags & (SqlFragment.EXECUTABLE_COMMENT | SqlFragment.CAST)) != 0) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        merge(at, false);
    }

    private void common(SqlFragment f, boolean quoted) {
        boolean truncated = f.hasAny(TRUNCATED);
        boolean strongQuote = quoted || truncated;
        if (f.has(SqlFragment.STACKED_STRONG)) {
            raise(Rule.SQLI_STACKED, 10);
        } else if (f.has(SqlFragment.STACKED)) {
            raise(Rule.SQLI_STACKED, 4);
        }
        if (f.has(SqlFragment.OR_CONSTANT)) {
            raise(Rule.SQLI_TAUTOLOGY, strongQuote ? 10 : 8);
        } else if (f.has(SqlFragment.OR_LITERAL)) {
            raise(Rule.SQLI_TAUTOLOGY, quoted && truncated ? 8 : strongQuote ? 6 : 0);
        } else if (f.has(SqlFragment.OR_PREDICATE)) {
            raise(Rule.SQLI_TAUTOLOGY, quoted && truncated ? 8 : strongQuote ? 7 : 0);
        }
        boolean compares = f.hasAny(SqlFragment.COMPARISON | SqlFragment.PREDICATE
                | (quoted ? SqlFragment.CALL : SqlFragment.FUNCTION_CALL));
        if (f.has(SqlFragment.AND_CONSTANT)) {
            raise(Rule.SQLI_BOOLEAN, strongQuote ? 10 : 8);
        } else if (f.has(SqlFragment.AND_PREDICATE)) {
            raise(Rule.SQLI_BOOLEAN, !compares ? 4 : quoted && truncated ? 8 : strongQuote ? 7 : 0);
        }
        if (f.has(SqlFragment.ORDER_BY_NUMBER)) {
            raise(Rule.SQLI_ORDER_BY, 10);
        } else if (f.has(SqlFragment.CLAUSE) && f.has(SqlFragment.LITERAL_COMPARISON)) {
            raise(Rule.SQLI_ORDER_BY, 8);
        }
        if (f.has(SqlFragment.SUBQUERY)) {
            raise(Rule.SQLI_SUBQUERY, 8);
        }
        if (f.has(SqlFragment.TIME_FUNCTION)) {
            raise(Rule.SQLI_TIME, 10);
        }
        if (f.has(SqlFragment.ERROR_FUNCTION)) {
            raise(Rule.SQLI_ERROR, 10);
        }
        if (f.hasAny(SqlFragment.FILE_FUNCTION | SqlFragment.INTO_FILE)) {
            raise(Rule.SQLI_FILE, 10);
        }
        if (f.hasAny(SqlFragment.SYSTEM_VARIABLE | SqlFragment.CATALOG | SqlFragment.INFO_FUNCTION)) {
            raise(Rule.SQLI_FINGERPRINT, 7);
        }
        if (f.has(SqlFragment.EXTRACTION)) {
            raise(Rule.SQLI_BOOLEAN, 8);
        }
        if (f.has(SqlFragment.ALIAS) && f.has(SqlFragment.HAS_FROM)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (f.hasAny(SqlFragment.CAST | SqlFragment.CHAR_CODE | SqlFragment.CASE_WHEN)
                || (f.has(SqlFragment.INLINE_COMMENT) && f.tokens() >= 3)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
    }

    private void quoted(SqlFragment f, boolean bareBreakout) {
        boolean truncated = f.hasAny(QUOTED_TRUNCATED);
        if (f.has(SqlFragment.OR_LITERAL) && singleTokenPrefix && f.tokens() <= 3) {
            raise(Rule.SQLI_TAUTOLOGY, 7);
        }
        if (truncated && f.has(SqlFragment.AND_PREDICATE) && f.tokens() <= 2 && singleTokenPrefix) {
            raise(Rule.SQLI_BOOLEAN, 7);
        }
        if (f.tokens() >= 1 && f.hasAny(SqlFragment.OPERATOR | SqlFragment.CALL | SqlFragment.PAREN_BREAKOUT
                | SqlFragment.PREDICATE)) {
            raise(Rule.SQLI_FRAGMENT, truncated ? 7 : 4);
        }
        if (bareBreakout && f.has(SqlFragment.COMMENT_END)) {
            raise(Rule.SQLI_COMMENT, 8);
        } else if (bareBreakout && f.has(SqlFragment.SEMICOLON_END)) {
            raise(Rule.SQLI_COMMENT, 7);
        }
    }

    private void unquoted(SqlFragment f, Reading reading, boolean startsWithParen, boolean startsWithFunctionName) {
        boolean truncated = f.hasAny(TRUNCATED);
        if (reading == Reading.AFTER_VALUE && (f.has(SqlFragment.LOGIC_DANGLING) || (f.has(SqlFragment.LOGIC_START)
                && f.hasAny(SqlFragment.COMPARISON | SqlFragment.DANGLING)))) {
            raise(Rule.SQLI_BOOLEAN, 7);
        }
        if (reading == Reading.AFTER_VALUE && f.has(SqlFragment.LOGIC_START) && f.tokens() == 2
                && !f.hasAny(SqlFragment.OR_PREDICATE)) {
            raise(Rule.SQLI_BOOLEAN, 7);
        }
        if (reading == Reading.AFTER_VALUE && f.has(SqlFragment.DANGLING)
                && f.hasAny(SqlFragment.AND_PREDICATE | SqlFragment.OR_PREDICATE)) {
            raise(Rule.SQLI_BOOLEAN, 7);
        }
        if (f.has(SqlFragment.PAREN_BREAKOUT) && f.hasAny(SqlFragment.SEMICOLON_END | SqlFragment.COMMENT_END)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (reading == Reading.VALUE && f.has(SqlFragment.COMMENT_END) && f.has(SqlFragment.OPERATOR)
                && f.tokens() >= 3 && allLiteralArithmetic(f)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (reading == Reading.AFTER_VALUE && f.has(SqlFragment.CLAUSE_START) && f.has(SqlFragment.DANGLING)
                && f.has(SqlFragment.CLAUSE) && f.tokens() >= 2) {
            raise(Rule.SQLI_ORDER_BY, 7);
        }
        if (reading == Reading.AFTER_VALUE && f.has(SqlFragment.LITERAL_LIST)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (reading == Reading.AFTER_VALUE && f.has(SqlFragment.CLAUSE_START) && f.has(SqlFragment.DANGLING)
                && f.hasAny(SqlFragment.COMPARISON | SqlFragment.PREDICATE)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (reading == Reading.AFTER_VALUE && f.has(SqlFragment.CLAUSE_START) && f.has(SqlFragment.HAS_FROM)
                && f.has(SqlFragment.CLAUSE)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (reading == Reading.AFTER_VALUE && f.has(SqlFragment.LIST_START) && f.has(SqlFragment.FUNCTION_CALL)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (reading == Reading.VALUE && f.has(SqlFragment.DANGLING) && f.has(SqlFragment.OPERATOR)
                && f.tokens() <= 7 && startsWithFunctionName) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (reading == Reading.VALUE && f.hasAny(SqlFragment.LITERAL_LOGIC | SqlFragment.STRING_COMPARISON)) {
            raise(Rule.SQLI_BOOLEAN, 7);
        }
        if (f.has(SqlFragment.PREDICATE) && f.has(SqlFragment.OPEN_STRING_END)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (f.has(SqlFragment.DANGLING) && f.tokens() >= 4 && f.hasAny(SqlFragment.HAS_FROM | SqlFragment.CLAUSE)
                && f.has(SqlFragment.OPERATOR | SqlFragment.CALL | SqlFragment.HAS_FROM)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (startsWithParen && f.has(SqlFragment.COMMENT_END) && f.tokens() >= 5
                && f.hasAny(SqlFragment.OPERATOR | SqlFragment.CALL)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (f.has(SqlFragment.CLAUSE) && f.has(SqlFragment.COMPARISON) && (truncated || f.tokens() >= 5)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (f.has(SqlFragment.DANGLING_CALL) && f.tokens() <= 3) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (startsWithParen && f.has(SqlFragment.COMMENT_END)
                && f.hasAny(SqlFragment.OR_PREDICATE | SqlFragment.AND_PREDICATE)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (reading == Reading.AFTER_VALUE && f.has(SqlFragment.CLAUSE_START) && f.has(SqlFragment.HAS_FROM)
                && f.hasAny(SqlFragment.PAREN_BREAKOUT | SqlFragment.ALIAS)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (f.hasAny(SqlFragment.OR_PREDICATE | SqlFragment.AND_PREDICATE) && f.has(SqlFragment.FUNCTION_CALL)) {
            raise(Rule.SQLI_BOOLEAN, 7);
        }
        if (truncated && f.has(SqlFragment.OPERATOR) && f.tokens() >= 5) {
            raise(Rule.SQLI_FRAGMENT, 5);
        }
        if (reading == Reading.AFTER_VALUE && f.has(SqlFragment.CLAUSE_START) && f.tokens() >= 4
                && f.hasAny(SqlFragment.COMPARISON | SqlFragment.PAREN_BREAKOUT | SqlFragment.FUNCTION_CALL)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
    }

    /** A value reading that compared nothing and named nothing: literals and operators only. */
    private static boolean allLiteralArithmetic(SqlFragment f) {
        return f.has(SqlFragment.ALL_LITERAL)
                && !f.hasAny(SqlFragment.COMPARISON | SqlFragment.CALL | SqlFragment.PREDICATE);
    }

    private void statement(SqlFragment f) {
        if (f.has(SqlFragment.HAVING_CLAUSE) && f.has(SqlFragment.COMPARISON)) {
            raise(Rule.SQLI_ORDER_BY, 7);
        }
        if (f.has(SqlFragment.STACKED_STRONG)) {
            raise(Rule.SQLI_STACKED, 8);
        }
        if (f.has(SqlFragment.DANGLING) && f.tokens() >= 4 && f.has(SqlFragment.CALL)) {
            raise(Rule.SQLI_FRAGMENT, 7);
        }
        if (f.hasAny(EVIDENCE_IN_STATEMENT)) {
            raise(Rule.SQLI_FRAGMENT, 8);
        }
        if (f.has(SqlFragment.UNION_SELECT)) {
            raise(Rule.SQLI_UNION, 10);
        }
    }

    private void raise(Rule rule, int score) {
        if (score > current[rule.ordinal()]) {
            current[rule.ordinal()] = score;
            raised |= 1L << rule.ordinal();
        }
    }

    /** Folds the reading just scored into the result; prose before a quote halves weak scores. */
    private void merge(int at, boolean prose) {
        for (long bits = raised; bits != 0; bits &= bits - 1) {
            int i = Long.numberOfTrailingZeros(bits);
            int score = current[i];
            current[i] = 0;
            if (prose && score < 10) {
                score /= 2;
            }
            if (score > best[i]) {
                best[i] = score;
                where[i] = at;
                kept |= 1L << i;
            }
        }
        raised = 0;
    }

    void report(String text, FindingSink sink) {
        for (long bits = kept; bits != 0; bits &= bits - 1) {
            int i = Long.numberOfTrailingZeros(bits);
            sink.report(RULES[i], best[i], text, where[i]);
        }
    }

    /** The rules by ordinal; their bits must fit the masks above. */
    private static Rule[] rules() {
        Rule[] all = Rule.values();
        if (all.length > Long.SIZE) {
            throw new IllegalStateException("SqlScorer keeps rules in a 64-bit mask, there are " + all.length);
        }
        return all;
    }
}
