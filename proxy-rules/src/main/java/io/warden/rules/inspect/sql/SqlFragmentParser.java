package io.warden.rules.inspect.sql;

import static io.warden.rules.inspect.sql.SqlTokens.COMMA;
import static io.warden.rules.inspect.sql.SqlTokens.COMMENT;
import static io.warden.rules.inspect.sql.SqlTokens.RPAREN;
import static io.warden.rules.inspect.sql.SqlTokens.SEMICOLON;
import static io.warden.rules.inspect.sql.SqlTokens.STRING;
import static io.warden.rules.inspect.sql.SqlTokens.WORD;

/**
 * A forgiving recursive-descent reader of SQL fragments on top of {@link SqlQueryReader}. It answers one question for a token list: read as the continuation
 * of a query at a given point, how far does it stay valid SQL, and which constructs did it use?
 * English falls out of the grammar within a token or two; injections are written to stay inside
 * it to the end.
 *
 * <p>Every loop consumes a token per turn and nesting is capped, so a parse is linear.
 */
final class SqlFragmentParser extends SqlQueryReader {

    /** Longest content of a trailing open string that the application's quote still closes cleanly. */
    private static final int SHORT_OPEN_STRING = 4;

    private char closingQuote;

    private SqlFragmentParser(SqlTokens tokens, int start) {
        super(tokens, start);
    }

    /** Reads the tokens as what follows a complete value: {@code WHERE id = 1 <tokens>}. */
    static SqlFragment afterValue(SqlTokens tokens, int start) {
        return afterValue(tokens, start, (char) 0);
    }

    /**
     * Reads the tokens as what follows a value; {@code quote} is the quote the application's own
     * text closes the input with (0 for none), which decides whether an open string at the end
     * ends the injection cleanly.
     */
    static SqlFragment afterValue(SqlTokens tokens, int start, char quote) {
        SqlFragmentParser p = new SqlFragmentParser(tokens, start);
        p.closingQuote = quote;
        p.afterString = quote != 0;
        if (tokens.type(start) == RPAREN || (tokens.type(start) == WORD
                && SqlWords.isClause(tokens.keyword(start)))) {
            p.flags |= SqlFragment.CLAUSE_START;
        }
        short first = tokens.keyword(start);
        if (tokens.type(start) == COMMA) {
            p.flags |= SqlFragment.LIST_START;
        }
        if (first == SqlWords.AND || first == SqlWords.OR || first == SqlWords.XOR
                || tokens.isOperator(start, "||") || tokens.isOperator(start, "&&")) {
            p.flags |= SqlFragment.LOGIC_START;
        }
        p.continuation(LITERAL);
        return p.result(start);
    }

    /** Reads the tokens as a value and what follows it: {@code WHERE id = <tokens>}. */
    static SqlFragment value(SqlTokens tokens) {
        SqlFragmentParser p = new SqlFragmentParser(tokens, 0);
        int kind = p.expression();
        if (kind == FAIL) {
            return new SqlFragment(p.flags, false, p.pos);
        }
        if (kind == LITERAL) {
            p.flags |= SqlFragment.ALL_LITERAL;
        }
        p.continuation(kind);
        return p.result(0);
    }

    /** Reads the tokens as a statement of their own and whatever follows it. */
    static SqlFragment statement(SqlTokens tokens, int start) {
        SqlFragmentParser p = new SqlFragmentParser(tokens, start);
        if (!p.statement()) {
            return new SqlFragment(p.flags, false, p.pos - start);
        }
        p.continuation(OTHER);
        return p.result(start);
    }

    /**
     * Reads one statement only; complete when it ends at the input's end, a comment or the next
     * ';'. Lets a scan try every ';' without re-reading the statements after it.
     */
    static SqlFragment singleStatement(SqlTokens tokens, int start) {
        SqlFragmentParser p = new SqlFragmentParser(tokens, start);
        boolean ok = p.statement() && !p.failed && (p.atEnd() || tokens.type(p.pos) == SEMICOLON);
        return new SqlFragment(p.flags, ok, p.pos - start);
    }

    /** Reads {@code UNION ...} at {@code start}; only the UNION_SELECT flag is of interest. */
    static SqlFragment unionAt(SqlTokens tokens, int start) {
        SqlFragmentParser p = new SqlFragmentParser(tokens, start + 1);
        p.union();
        return new SqlFragment(p.flags, !p.failed, p.pos - start);
    }

    /**
     * Reads a parenthesised subquery at {@code start} ('('); complete when it parsed and read a
     * FROM clause, which a parenthesised remark in prose ("(select one)") does not have.
     */
    static SqlFragment subqueryAt(SqlTokens tokens, int start) {
        SqlFragmentParser p = new SqlFragmentParser(tokens, start);
        int kind = p.operand();
        boolean ok = kind != FAIL && !p.failed && (p.flags & SqlFragment.HAS_FROM) != 0;
        return new SqlFragment(p.flags, ok, p.pos - start);
    }

    /** Reads a function call starting at its name; complete when closed or cut off by the end. */
    static SqlFragment call(SqlTokens tokens, int start) {
        SqlFragmentParser p = new SqlFragmentParser(tokens, start);
        int kind = p.operand();
        boolean ok = kind != FAIL && !p.failed;
        return new SqlFragment(p.flags, ok, p.pos - start);
    }

    private SqlFragment result(int start) {
        boolean complete = !failed && atEnd();
        int total = complete ? t.total() : 0;
        if (complete && total > 0) {
            int last = total - 1;
            byte type = t.type(last);
            if (type == COMMENT) {
                flags |= SqlFragment.COMMENT_END;
            } else if (type == STRING && t.detail(last) == SqlTokens.OPEN_STRING && closesCleanly(last)) {
                flags |= SqlFragment.OPEN_STRING_END;
            }
        }
        if (t.inlineComments) {
            flags |= SqlFragment.INLINE_COMMENT;
        }
        return new SqlFragment(flags, complete, pos - start);
    }

    /**
     * Whether the trailing open string is what an injection leaves for the application's quote
     * to close ({@code ' or 'a'='a}): short, and opened by that same quote.
     */
    private boolean closesCleanly(int token) {
        char opener = t.source.charAt(t.start(token));
        if (opener != '\'' && opener != '"') {
            opener = t.source.charAt(t.start(token) + 1);
        }
        return (closingQuote == 0 || opener == closingQuote) && t.length(token) - 1 <= SHORT_OPEN_STRING;
    }

    /** Clauses and operators that may follow a value, up to the end, a comment or an error. */
    private void continuation(int leftKind) {
        int kind = leftKind;
        while (!failed) {
            tail(kind);
            if (failed || atEnd()) {
                return;
            }
            byte ty = t.type(pos);
            if (ty == RPAREN) {
                flags |= SqlFragment.PAREN_BREAKOUT;
                pos++;
                kind = OTHER;
                continue;
            }
            if (ty == SEMICOLON) {
                pos++;
                while (t.type(pos) == SEMICOLON) {
                    pos++;
                }
                if (atEnd()) {
                    flags |= SqlFragment.SEMICOLON_END;
                    return;
                }
                long before = flags;
                if (!statement()) {
                    // What follows ';' is no statement: the fragment before it ended at the ';'.
                    failed = false;
                    flags = before | SqlFragment.SEMICOLON_END;
                    pos = t.total();
                    return;
                }
                kind = OTHER;
                continue;
            }
            if (ty == COMMA) {
                pos++;
                flags |= SqlFragment.LIST;
                kind = expression();
                if (kind == FAIL) {
                    failOrTruncate();
                }
                continue;
            }
            if (ty == WORD && t.keyword(pos) == SqlWords.AS) {
                pos++;
                if (alias()) {
                    flags |= SqlFragment.ALIAS;
                } else {
                    failOrTruncate();
                }
                kind = OTHER;
                continue;
            }
            if (ty == WORD && SqlWords.isDestructive(t.keyword(pos))) {
                // SQL Server runs a batch's statements without any separator.
                if (!statement()) {
                    failed = true;
                    return;
                }
                kind = OTHER;
                continue;
            }
            if (!clause()) {
                failed = true;
                return;
            }
            kind = OTHER;
        }
    }

    /** A statement (after ';' or in a batch): its head must be well formed. */
    private boolean statement() {
        short kw = t.keyword(pos);
        if (t.type(pos) != WORD || !SqlWords.isStatement(kw)) {
            return false;
        }
        int head = pos;
        int kind = SqlStatementHeads.read(this, kw);
        if (failed || pos == head || kind == SqlStatementHeads.INVALID) {
            return false;
        }
        flags |= SqlFragment.STACKED | (kind == SqlStatementHeads.STRONG ? SqlFragment.STACKED_STRONG : 0);
        return true;
    }
}
