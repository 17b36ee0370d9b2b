package io.warden.rules.inspect.sql;

import java.util.Arrays;

/**
 * A token list in parallel arrays (no object per token): type, keyword code, a type-specific
 * detail, and the source range. Bounded by the caller's token cap.
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

    final String source;
    byte[] type;
    short[] keyword;
    byte[] detail;
    int[] start;
    int[] end;
    int count;
    /** Inline block comments or MySQL executable comments were skipped while lexing. */
    boolean inlineComments;
    /** A MySQL executable comment ({@code /*!50000 ...}) was opened: SQL written for MySQL alone. */
    boolean executableComment;

    SqlTokens(String source, int capacity) {
        this.source = source;
        this.type = new byte[capacity];
        this.keyword = new short[capacity];
        this.detail = new byte[capacity];
        this.start = new int[capacity];
        this.end = new int[capacity];
    }

    void add(byte tokenType, short keywordCode, byte tokenDetail, int from, int to) {
        if (count == type.length) {
            int grown = type.length * 2;
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
    }

    byte type(int i) {
        return i >= 0 && i < count ? type[i] : EOF;
    }

    short keyword(int i) {
        return i >= 0 && i < count ? keyword[i] : 0;
    }

    /** The operator text's first char, or 0. */
    char op(int i) {
        return i >= 0 && i < count && type[i] == OPERATOR ? source.charAt(start[i]) : 0;
    }

    int length(int i) {
        return end[i] - start[i];
    }

    boolean isOperator(int i, String text) {
        return i >= 0 && i < count && type[i] == OPERATOR && length(i) == text.length()
                && source.startsWith(text, start[i]);
    }
}
