package io.warden.rules.inspect.sql;

import static io.warden.rules.inspect.sql.SqlTokens.COMMA;
import static io.warden.rules.inspect.sql.SqlTokens.COMMENT;
import static io.warden.rules.inspect.sql.SqlTokens.DOT;
import static io.warden.rules.inspect.sql.SqlTokens.EOF;
import static io.warden.rules.inspect.sql.SqlTokens.LPAREN;
import static io.warden.rules.inspect.sql.SqlTokens.NUMBER;
import static io.warden.rules.inspect.sql.SqlTokens.OPERATOR;
import static io.warden.rules.inspect.sql.SqlTokens.QUOTED_NAME;
import static io.warden.rules.inspect.sql.SqlTokens.RPAREN;
import static io.warden.rules.inspect.sql.SqlTokens.STRING;
import static io.warden.rules.inspect.sql.SqlTokens.VARIABLE;
import static io.warden.rules.inspect.sql.SqlTokens.WORD;

/**
 * The operand half of the SQL reader: literals, names, variables, calls, parenthesised lists and
 * subqueries, CASE. It holds the parse state (position, construct flags, failure) that
 * {@link SqlExpressionReader} adds operators to and {@link SqlFragmentParser} clauses and
 * statements. Nesting is capped at {@link #MAX_DEPTH}.
 */
abstract class SqlOperandReader {

    static final int MAX_DEPTH = 48;

    static final int FAIL = 0;
    static final int LITERAL = 1;
    static final int NAME = 2;
    static final int OTHER = 3;

    final SqlTokens t;
    /** The first token of this reading. */
    final int start;
    /** The reading starts right after a string literal the input closed (a quote breakout). */
    boolean afterString;
    int pos;
    long flags;
    int depth;
    boolean failed;

    SqlOperandReader(SqlTokens tokens, int start) {
        this.t = tokens;
        this.start = start;
        this.pos = start;
    }

    /** A subquery's {@code SELECT ...} starting at the SELECT keyword. */
    abstract boolean select();

    /** The parser continues UNIONs after a parenthesised SELECT. */
    abstract void union();

    /** An operand followed by operators; returns LITERAL when every leaf is a literal. */
    abstract int expression();

    /** The operators after an operand of {@code leftKind}. */
    abstract int tail(int leftKind);

    final boolean atEnd() {
        byte ty = t.type(pos);
        return ty == EOF || ty == COMMENT;
    }

    /** Marks the parse failed unless the input simply ended: a payload may be cut short. */
    final void failOrTruncate() {
        if (atEnd()) {
            flags |= SqlFragment.DANGLING;
        } else {
            failed = true;
        }
    }

    /** Whether the token before {@code pos} is AND, OR or XOR. */
    final boolean afterLogic() {
        short kw = t.keyword(pos - 1);
        return kw == SqlWords.AND || kw == SqlWords.OR || kw == SqlWords.XOR;
    }

    final boolean isWord(int i, String word) {
        return t.type(i) == WORD && t.length(i) == word.length()
                && t.source.regionMatches(true, t.start(i), word, 0, word.length());
    }

    /** One operand: literal, name, variable, call, parenthesised list or subquery, CASE, prefix op. */
    final int operand() {
        if (depth >= MAX_DEPTH) {
            failed = true;
            return FAIL;
        }
        depth++;
        try {
            return operandUnguarded();
        } finally {
            depth--;
        }
    }

    private int operandUnguarded() {
        byte ty = t.type(pos);
        switch (ty) {
            case NUMBER -> {
                if (t.detail(pos) == SqlTokens.HEX_NUMBER) {
                    flags |= SqlFragment.HEX_LITERAL;
                }
                pos++;
                return LITERAL;
            }
            case STRING -> {
                pos++;
                return LITERAL;
            }
            case VARIABLE -> {
                if (t.source.startsWith("@@", t.start(pos))) {
                    flags |= SqlFragment.SYSTEM_VARIABLE;
                }
                pos++;
                return OTHER;
            }
            case QUOTED_NAME -> {
                name();
                return NAME;
            }
            case OPERATOR -> {
                char c = t.op(pos);
                if (t.length(pos) == 1 && (c == '-' || c == '+' || c == '~' || c == '!')) {
                    pos++;
                    return operand();
                }
                return FAIL;
            }
            case LPAREN -> {
                return parenthesised();
            }
            case WORD -> {
                return word();
            }
            default -> {
                return FAIL;
            }
        }
    }

    final int parenthesised() {
        pos++;
        int kind;
        short kw = t.keyword(pos);
        if (kw == SqlWords.SELECT || kw == SqlWords.WITH) {
            flags |= SqlFragment.SUBQUERY;
            select();
            while (!failed && t.keyword(pos) == SqlWords.UNION) {
                pos++;
                union();
            }
            kind = OTHER;
        } else if (t.type(pos) == RPAREN) {
            kind = OTHER;
        } else {
            kind = expression();
            if (kind == FAIL) {
                failOrTruncate();
                return atEnd() ? OTHER : FAIL;
            }
            while (!failed && t.type(pos) == COMMA) {
                pos++;
                int next = expression();
                if (next == FAIL) {
                    failOrTruncate();
                    break;
                }
                kind = kind == LITERAL && next == LITERAL ? LITERAL : OTHER;
            }
        }
        if (failed) {
            return FAIL;
        }
        if (t.type(pos) == RPAREN) {
            pos++;
            return kind;
        }
        if (atEnd()) {
            flags |= SqlFragment.DANGLING;
            return kind;
        }
        failed = true;
        return FAIL;
    }

    private int word() {
        short kw = t.keyword(pos);
        boolean call = t.type(pos + 1) == LPAREN;
        switch (kw) {
            case SqlWords.NULL, SqlWords.TRUE -> {
                pos++;
                return LITERAL;
            }
            case SqlWords.VALUE_WORD -> {
                flags |= SqlFragment.INFO_FUNCTION;
                if (call) {
                    functionCall(pos);
                    return OTHER;
                }
                pos++;
                return OTHER;
            }
            case SqlWords.NOT -> {
                pos++;
                int k = operand();
                return k == FAIL ? FAIL : tail(k);
            }
            case SqlWords.EXISTS, SqlWords.ALL, SqlWords.ANY -> {
                pos++;
                return t.type(pos) == LPAREN ? operand() : FAIL;
            }
            case SqlWords.CASE -> {
                return caseExpression();
            }
            case SqlWords.INTERVAL, SqlWords.BINARY -> {
                flags |= SqlFragment.OPERATOR;
                pos++;
                int k = operand();
                if (kw == SqlWords.INTERVAL && k != FAIL && t.type(pos) == WORD && !SqlWords.isReserved(t.keyword(pos))) {
                    pos++;
                }
                return k;
            }
            case SqlWords.SELECT -> {
                // "1 AND SELECT ...": SQL Server tutorials and payload lists write subqueries unparenthesised.
                if (!afterLogic()) {
                    return FAIL;
                }
                flags |= SqlFragment.SUBQUERY;
                return select() ? OTHER : FAIL;
            }
            case SqlWords.DIV -> {
                // DIV written as a function of numbers: probing how the operator is filtered.
                if (call && t.type(pos + 2) == NUMBER) {
                    flags |= SqlFragment.LITERAL_LOGIC;
                    return functionCall(pos);
                }
                return FAIL;
            }
            default -> {
                if (call) {
                    return functionCall(pos);
                }
                return SqlWords.isReserved(kw) ? FAIL : nameOperand();
            }
        }
    }

    private int nameOperand() {
        int start = pos;
        name();
        if (t.type(pos) == LPAREN && pos > start + 1) {
            return functionCall(start);
        }
        return NAME;
    }

    /** A possibly dotted name ({@code db.table}, {@code master..xp_cmdshell}); false when absent. */
    final boolean name() {
        byte ty = t.type(pos);
        if (ty != WORD && ty != QUOTED_NAME) {
            return false;
        }
        boolean dotted = false;
        boolean catalog = ty == WORD && SqlWords.isCatalog(t.source, t.start(pos), t.end(pos));
        pos++;
        while (t.type(pos) == DOT) {
            int next = pos + 1;
            while (t.type(next) == DOT) {
                next++;
            }
            byte nt = t.type(next);
            if (nt != WORD && nt != QUOTED_NAME && !(nt == OPERATOR && t.op(next) == '*')) {
                break;
            }
            dotted = true;
            catalog |= nt == WORD && SqlWords.isCatalog(t.source, t.start(next), t.end(next));
            if (nt == WORD && SqlWords.functionKind(t.source, t.start(next), t.end(next)) == SqlWords.FN_FILE) {
                flags |= SqlFragment.FILE_FUNCTION;
            }
            pos = next + 1;
        }
        if (dotted && catalog) {
            flags |= SqlFragment.CATALOG;
        }
        return true;
    }

    /** A call whose (possibly dotted) name starts at {@code nameStart}; pos is at the name or '('. */
    final int functionCall(int nameStart) {
        if (t.type(pos) != LPAREN) {
            pos++;
        }
        int nameToken = pos - 1;
        int kind = SqlWords.functionKind(t.source, t.start(nameToken), t.end(nameToken));
        if (kind == 0 && nameToken > nameStart) {
            kind = SqlWords.functionKind(t.source, t.start(nameStart), t.end(nameStart));
        }
        pos++;
        int firstArg = pos;
        if (SqlWords.isCharReader(t.source, t.start(nameToken), t.end(nameToken)) && t.type(pos) == WORD
                && t.type(pos + 1) == LPAREN && SqlWords.isSubstring(t.source, t.start(pos), t.end(pos))) {
            flags |= SqlFragment.EXTRACTION;
        }
        boolean literalArgs = true;
        boolean numericArgs = true;
        if (t.keyword(pos) == SqlWords.DISTINCT) {
            pos++;
        }
        if (t.op(pos) == '*' && t.length(pos) == 1) {
            pos++;
        } else if (t.type(pos) != RPAREN) {
            while (!failed) {
                numericArgs &= t.type(pos) == NUMBER;
                int k = expression();
                if (k == FAIL) {
                    failOrTruncate();
                    break;
                }
                literalArgs &= k == LITERAL;
                short kw = t.keyword(pos);
                if (t.type(pos) == COMMA || kw == SqlWords.AS || kw == SqlWords.USING || kw == SqlWords.FROM
                        || kw == SqlWords.FOR || kw == SqlWords.IN || isWord(pos, "placing")) {
                    pos++;
                    continue;
                }
                break;
            }
        }
        if (failed) {
            return FAIL;
        }
        boolean empty = pos == firstArg;
        if (t.type(pos) == RPAREN) {
            pos++;
        } else if (!atEnd()) {
            failed = true;
            return FAIL;
        } else {
            flags |= SqlFragment.DANGLING | (empty && kind != 0 ? SqlFragment.DANGLING_CALL : 0);
        }
        flags |= SqlFragment.CALL;
        markFunction(kind, empty, numericArgs && !empty, nameToken);
        if (kind == SqlWords.FN_TIME || kind == SqlWords.FN_INFO) {
            return OTHER;
        }
        return literalArgs ? LITERAL : OTHER;
    }

    private void markFunction(int kind, boolean noArguments, boolean numericArguments, int nameToken) {
        switch (kind) {
            case SqlWords.FN_TIME -> flags |= SqlFragment.TIME_FUNCTION | SqlFragment.FUNCTION_CALL;
            case SqlWords.FN_ERROR -> flags |= SqlFragment.ERROR_FUNCTION | SqlFragment.FUNCTION_CALL;
            case SqlWords.FN_FILE -> flags |= SqlFragment.FILE_FUNCTION | SqlFragment.FUNCTION_CALL;
            case SqlWords.FN_INFO -> flags |= SqlFragment.FUNCTION_CALL | (noArguments ? SqlFragment.INFO_FUNCTION : 0);
            case SqlWords.FN_STRING -> {
                flags |= SqlFragment.STRING_FUNCTION | SqlFragment.FUNCTION_CALL;
                if (numericArguments && SqlWords.isCharCode(t.source, t.start(nameToken), t.end(nameToken))) {
                    flags |= SqlFragment.CHAR_CODE;
                }
            }
            case SqlWords.FN_OTHER -> flags |= SqlFragment.FUNCTION_CALL;
            default -> {
            }
        }
    }

    private int caseExpression() {
        pos++;
        if (t.keyword(pos) != SqlWords.WHEN && expression() == FAIL) {
            return FAIL;
        }
        while (!failed && t.keyword(pos) == SqlWords.WHEN) {
            pos++;
            if (expression() == FAIL || t.keyword(pos) != SqlWords.THEN) {
                return atEnd() ? OTHER : FAIL;
            }
            pos++;
            flags |= SqlFragment.CASE_WHEN;
            if (expression() == FAIL) {
                return atEnd() ? OTHER : FAIL;
            }
        }
        if (t.keyword(pos) == SqlWords.ELSE) {
            pos++;
            if (expression() == FAIL) {
                return atEnd() ? OTHER : FAIL;
            }
        }
        if (t.keyword(pos) == SqlWords.END) {
            pos++;
            return OTHER;
        }
        return atEnd() ? OTHER : FAIL;
    }
}
