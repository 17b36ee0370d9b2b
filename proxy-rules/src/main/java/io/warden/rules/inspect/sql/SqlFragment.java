package io.warden.rules.inspect.sql;

/**
 * What {@link SqlFragmentParser} found when it read input as the continuation of a query.
 *
 * @param flags the constructs seen, {@code SqlFragment} constants
 * @param complete whether the input parsed to its end (or to a comment or an open string that
 *                 the application's own query text would close): the shape of a working injection
 * @param tokens how many tokens parsed before the end or the first error
 */
record SqlFragment(long flags, boolean complete, int tokens) {

    static final long UNION_SELECT = 1L;
    static final long STACKED = 1L << 1;
    static final long STACKED_STRONG = 1L << 2;
    static final long OR_CONSTANT = 1L << 3;
    static final long OR_PREDICATE = 1L << 4;
    static final long AND_CONSTANT = 1L << 5;
    static final long AND_PREDICATE = 1L << 6;
    static final long COMMENT_END = 1L << 7;
    static final long OPEN_STRING_END = 1L << 8;
    static final long SEMICOLON_END = 1L << 9;
    static final long PAREN_BREAKOUT = 1L << 10;
    static final long SUBQUERY = 1L << 11;
    static final long TIME_FUNCTION = 1L << 12;
    static final long ERROR_FUNCTION = 1L << 13;
    static final long FILE_FUNCTION = 1L << 14;
    static final long INFO_FUNCTION = 1L << 15;
    static final long SYSTEM_VARIABLE = 1L << 16;
    static final long CATALOG = 1L << 17;
    static final long ORDER_BY_NUMBER = 1L << 18;
    static final long CLAUSE = 1L << 19;
    static final long INTO_FILE = 1L << 20;
    static final long CASE_WHEN = 1L << 21;
    static final long HEX_LITERAL = 1L << 22;
    static final long FUNCTION_CALL = 1L << 23;
    static final long COMPARISON = 1L << 24;
    static final long LITERAL_COMPARISON = 1L << 25;
    static final long WAITFOR = 1L << 26;
    static final long OPERATOR = 1L << 27;
    static final long INLINE_COMMENT = 1L << 28;
    static final long STRING_FUNCTION = 1L << 29;
    static final long LIST = 1L << 30;
    /** OR with a lone literal ({@code 1950 or 1960}): weaker than a literal comparison. */
    static final long OR_LITERAL = 1L << 31;
    static final long CAST = 1L << 32;
    static final long PREDICATE = 1L << 33;
    static final long CHAR_CODE = 1L << 34;
    /** The reading started with a clause keyword or a closing parenthesis. */
    static final long CLAUSE_START = 1L << 35;
    static final long HAS_FROM = 1L << 36;
    static final long ALIAS = 1L << 37;
    /** A call of any name, known or not. */
    static final long CALL = 1L << 38;
    /** A known function's name and '(' and then the end of input. */
    static final long DANGLING_CALL = 1L << 39;
    /** The input ended where an operand, argument or closing parenthesis was due: a cut-off fragment. */
    static final long DANGLING = 1L << 40;
    /** {@code ascii(substring(...))}, {@code ord(mid(...))}: reading data a character at a time. */
    static final long EXTRACTION = 1L << 41;
    /** The reading opened with a symbolic logic operator ({@code ||}, {@code &&}) or AND/OR/XOR. */
    static final long LOGIC_START = 1L << 42;
    /** AND/OR/XOR (or && / ||) with nothing after it: a condition cut off at its join. */
    static final long LOGIC_DANGLING = 1L << 43;
    /** A comparison between two string literals ({@code 'a'='a'}). */
    static final long STRING_COMPARISON = 1L << 44;
    /** An IN list of literals ({@code in (1, 2)}). */
    static final long LITERAL_LIST = 1L << 45;
    /** Arithmetic or pattern matching on boolean literals ({@code 1-false}, {@code 42 like 42}). */
    static final long LITERAL_LOGIC = 1L << 46;
    static final long HAVING_CLAUSE = 1L << 47;
    /** The reading opened with a comma: the tail of a select list or argument list. */
    static final long LIST_START = 1L << 48;
    static final long EXECUTABLE_COMMENT = 1L << 49;
    /** A value reading whose expression was built from literals alone ({@code 1*1}). */
    static final long ALL_LITERAL = 1L << 50;

    boolean has(long flag) {
        return (flags & flag) != 0;
    }

    boolean hasAny(long mask) {
        return (flags & mask) != 0;
    }
}
