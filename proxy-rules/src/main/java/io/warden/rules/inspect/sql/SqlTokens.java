package io.warden.rules.inspect.sql;

import java.util.Arrays;

/**
 * A token list in parallel arrays (no object per token), read lazily: {@link SqlLexer} adds
 * tokens as the parser asks for them, and a word's keyword code is looked up on first use. Every
 * accessor treats an index past the end of input as {@link #EOF}.
 */
final class SqlTokens {

    static final byte EOF = 0;
    static final byte WORD = 1;
    static final byte NUMBER = 2;
    static final byte STRING = 3;
    static final byte VARIABLE = 4;
    static final byte OPERATOR = 5;
    static final byte LPAREN = 6;
    static final byte RPAREN = 7;
    static final byte COMMA = 8;
    static final byte SEMICOLON = 9;
    static final byte DOT = 10;
    /** A line comment, or a block comment left open: the rest of the query is cut off. */
    static final byte COMMENT = 11;
    static final byte QUOTED_NAME = 12;
    static final byte OTHER = 13;

    /** {@link #detail} of a STRING: the literal was left open at the end of the input. */
    static final byte OPEN_STRING = 1;
    /** {@link #detail} of a NUMBER: hexadecimal or binary literal ({@code 0x414243}). */
    static final byte HEX_NUMBER = 1;
    /** A word's keyword code before it was looked up. */
    static final short UNKNOWN_KEYWORD = -1;

    private static final byte[] EMPTY_BYTES = {};
    private static final short[] EMPTY_SHORTS = {};
    private static final int[] EMPTY_INTS = {};

    final String source;
    private final int maxTokens;
    private byte[] type = EMPTY_BYTES;
    private short[] keyword = EMPTY_SHORTS;
    private byte[] detail = EMPTY_BYTES;
    private int[] start = EMPTY_INTS;
    private int[] end = EMPTY_INTS;
    private int count;

    /** Lexer state: where reading continues, and whether it stands in a MySQL executable comment. */
    int lexPos;
    boolean inExecutableComment;
    boolean done;
    /** Inline block comments or MySQL executable comments were skipped while lexing. */
    boolean inlineComments;
    /** A MySQL executable comment ({@code /*!50000 ...}) was opened: SQL written for MySQL alone. */
    boolean executableComment;

    SqlTokens(String source, int from, int maxTokens) {
        this.source = source;
        this.lexPos = from;
        this.maxTokens = maxTokens;
    }

    void add(byte tokenType, short keywordCode, byte tokenDetail, int from, int to) {
        if (count == type.length) {
            int grown = Math.max(8, type.length * 2);
            type = Arrays.copyOf(type, grown);
            keyword = Arrays.copyOf(keyword, grown);
            detail = Arrays.copyOf(detail, grown);
            start = Arrays.copyOf(start, grown);
            end = Arrays.copyOf(end, grown);
        }
        type[count] = tokenType;
        keyword[count] = keywordCode;
        detail[count] = tokenDetail;
        start[count] = from;
        end[count] = to;
        count++;
        if (count >= maxTokens) {
            done = true;
        }
    }

    /** Whether token {@code i} exists, reading as far as needed. */
    private boolean has(int i) {
        while (count <= i && !done) {
            SqlLexer.next(this);
        }
        return i >= 0 && i < count;
    }

    byte type(int i) {
        return has(i) ? type[i] : EOF;
    }

    short keyword(int i) {
        if (!has(i)) {
            return 0;
        }
        short k = keyword[i];
        if (k == UNKNOWN_KEYWORD) {
            k = SqlWords.keyword(source, start[i], end[i]);
            keyword[i] = k;
        }
        return k;
    }

    byte detail(int i) {
        return has(i) ? detail[i] : 0;
    }

    int start(int i) {
        return has(i) ? start[i] : source.length();
    }

    int end(int i) {
        return has(i) ? end[i] : source.length();
    }

    /** The operator text's first char, or 0. */
    char op(int i) {
        return type(i) == OPERATOR ? source.charAt(start[i]) : 0;
    }

    int length(int i) {
        return has(i) ? end[i] - start[i] : 0;
    }

    boolean isOperator(int i, String text) {
        return type(i) == OPERATOR && end[i] - start[i] == text.length() && source.startsWith(text, start[i]);
    }

    /** Whether token {@code i} is the last one of the input. */
    boolean isLast(int i) {
        return has(i) && type(i + 1) == EOF;
    }

    /** How many tokens the whole input has (reads it all). */
    int total() {
        has(Integer.MAX_VALUE - 1);
        return count;
    }
}
