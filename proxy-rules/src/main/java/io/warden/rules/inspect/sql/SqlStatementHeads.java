package io.warden.rules.inspect.sql;

import static io.warden.rules.inspect.sql.SqlTokens.LPAREN;
import static io.warden.rules.inspect.sql.SqlTokens.SEMICOLON;
import static io.warden.rules.inspect.sql.SqlTokens.STRING;
import static io.warden.rules.inspect.sql.SqlTokens.VARIABLE;
import static io.warden.rules.inspect.sql.SqlTokens.WORD;

/**
 * Reads the head of a statement ({@code DROP TABLE x}, {@code INSERT INTO x VALUES},
 * {@code EXEC xp_cmdshell}) and says how telling it is. A statement keyword alone is English
 * ("drop it", "delete everything"); the grammar that must follow it is not.
 */
final class SqlStatementHeads {

    static final int INVALID = 0;
    /** Well formed, but nothing an attacker gains from (a stacked SELECT, SHOW, ...). */
    static final int WEAK = 1;
    /** Changes data, schema or runs code: DROP, INSERT, UPDATE, EXEC, DECLARE, WAITFOR, SHUTDOWN. */
    static final int STRONG = 2;

    private SqlStatementHeads() {
    }

    static int read(SqlFragmentParser p, short kw) {
        SqlTokens t = p.t;
        switch (kw) {
            case SqlWords.SELECT, SqlWords.WITH -> {
                return p.select() ? WEAK : INVALID;
            }
            case SqlWords.INSERT, SqlWords.REPLACE -> {
                p.pos++;
                boolean into = t.keyword(p.pos) == SqlWords.INTO;
                if (into) {
                    p.pos++;
                }
                if (!p.name()) {
                    return into && p.atEnd() ? STRONG : INVALID;
                }
                if (t.type(p.pos) == LPAREN) {
                    p.operand();
                }
                short next = t.keyword(p.pos);
                if (next == SqlWords.VALUES || next == SqlWords.SET) {
                    p.pos++;
                    p.list();
                    return STRONG;
                }
                if (next == SqlWords.SELECT) {
                    p.select();
                    return STRONG;
                }
                return into && p.atEnd() ? STRONG : INVALID;
            }
            case SqlWords.UPDATE -> {
                p.pos++;
                if (!p.name()) {
                    return INVALID;
                }
                if (p.atEnd()) {
                    return STRONG;
                }
                if (t.keyword(p.pos) != SqlWords.SET) {
                    return INVALID;
                }
                p.pos++;
                p.list();
                return STRONG;
            }
            case SqlWords.DELETE -> {
                p.pos++;
                if (t.keyword(p.pos) != SqlWords.FROM) {
                    return INVALID;
                }
                p.pos++;
                return p.name() || p.atEnd() ? STRONG : INVALID;
            }
            case SqlWords.DROP, SqlWords.CREATE, SqlWords.ALTER, SqlWords.TRUNCATE -> {
                return schemaChange(p);
            }
            case SqlWords.EXEC -> {
                p.pos++;
                byte ty = t.type(p.pos);
                if (ty == LPAREN || ty == VARIABLE) {
                    p.operand();
                    return STRONG;
                }
                if (!p.name()) {
                    return INVALID;
                }
                if (!p.atEnd() && t.type(p.pos) != SEMICOLON) {
                    p.list();
                }
                return STRONG;
            }
            case SqlWords.DECLARE -> {
                p.pos++;
                if (t.type(p.pos) != VARIABLE) {
                    return INVALID;
                }
                p.list();
                return STRONG;
            }
            case SqlWords.SET -> {
                p.pos++;
                byte ty = t.type(p.pos);
                if (ty != VARIABLE && ty != WORD) {
                    return INVALID;
                }
                p.list();
                return ty == VARIABLE ? STRONG : WEAK;
            }
            case SqlWords.WAITFOR -> {
                p.pos++;
                if (t.keyword(p.pos) != SqlWords.DELAY) {
                    return INVALID;
                }
                p.pos++;
                if (t.type(p.pos) != STRING && t.type(p.pos) != VARIABLE) {
                    return INVALID;
                }
                p.pos++;
                p.flags |= SqlFragment.TIME_FUNCTION;
                return STRONG;
            }
            case SqlWords.IF -> {
                // T-SQL: IF <condition> <statement> [ELSE <statement>]
                if (p.depth >= SqlExpressionReader.MAX_DEPTH) {
                    return INVALID;
                }
                p.pos++;
                if (p.expression() == SqlExpressionReader.FAIL) {
                    return INVALID;
                }
                p.depth++;
                try {
                    int inner = read(p, t.keyword(p.pos));
                    if (t.keyword(p.pos) == SqlWords.ELSE) {
                        p.pos++;
                        inner = Math.max(inner, read(p, t.keyword(p.pos)));
                    }
                    return inner;
                } finally {
                    p.depth--;
                }
            }
            case SqlWords.SHUTDOWN -> {
                p.pos++;
                if (t.keyword(p.pos) == SqlWords.WITH) {
                    p.pos += 2;
                }
                return p.atEnd() || t.type(p.pos) == SEMICOLON ? STRONG : INVALID;
            }
            default -> {
                p.pos++;
                if (p.atEnd()) {
                    return INVALID;
                }
                p.list();
                return WEAK;
            }
        }
    }

    /**
     * DROP/CREATE/ALTER/TRUNCATE: with an object keyword ({@code TABLE}, {@code DATABASE}) the
     * head is unambiguous; with a bare name ("drop everything") only when a terminator follows.
     */
    private static boolean isWord(SqlTokens t, int i, String word) {
        return t.type(i) == WORD && t.length(i) == word.length()
                && t.source.regionMatches(true, t.start(i), word, 0, word.length());
    }

    private static int schemaChange(SqlFragmentParser p) {
        SqlTokens t = p.t;
        p.pos++;
        boolean object = t.keyword(p.pos) == SqlWords.TABLE || isWord(t, p.pos, "function")
                || isWord(t, p.pos, "procedure") || isWord(t, p.pos, "trigger");
        if (object) {
            p.pos++;
            if (t.keyword(p.pos) == SqlWords.IF) {
                p.pos += t.keyword(p.pos + 1) == SqlWords.NOT ? 3 : 2;
            }
        }
        if (!p.name()) {
            return object && p.atEnd() ? STRONG : INVALID;
        }
        if (object) {
            // A definition's body ("(s CHAR(20)) RETURNS ...", "ADD col TEXT") is not ours to check.
            while (!p.atEnd() && t.type(p.pos) != SEMICOLON) {
                p.pos++;
            }
            return STRONG;
        }
        boolean terminated = t.type(p.pos) == SEMICOLON || t.type(p.pos) == SqlTokens.COMMENT;
        return terminated || t.inlineComments ? STRONG : INVALID;
    }
}
