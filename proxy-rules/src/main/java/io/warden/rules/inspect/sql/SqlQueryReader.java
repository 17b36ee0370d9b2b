package io.warden.rules.inspect.sql;

import static io.warden.rules.inspect.sql.SqlTokens.COMMA;
import static io.warden.rules.inspect.sql.SqlTokens.LPAREN;
import static io.warden.rules.inspect.sql.SqlTokens.NUMBER;
import static io.warden.rules.inspect.sql.SqlTokens.QUOTED_NAME;
import static io.warden.rules.inspect.sql.SqlTokens.RPAREN;
import static io.warden.rules.inspect.sql.SqlTokens.STRING;
import static io.warden.rules.inspect.sql.SqlTokens.VARIABLE;
import static io.warden.rules.inspect.sql.SqlTokens.WORD;

/**
 * The query half of the SQL reader: SELECT with its items, table references and joins, the
 * clauses that follow (WHERE, GROUP BY, ORDER BY, LIMIT, INTO, UNION), over the expressions
 * {@link SqlExpressionReader} reads.
 */
abstract class SqlQueryReader extends SqlExpressionReader {

    SqlQueryReader(SqlTokens tokens, int start) {
        super(tokens, start);
    }

    /** One query clause (UNION, ORDER BY, LIMIT, FROM, ...); false when the token starts none. */
    final boolean clause() {
        if (t.type(pos) != WORD) {
            return false;
        }
        short kw = t.keyword(pos);
        switch (kw) {
            case SqlWords.UNION, SqlWords.SET_OP -> {
                pos++;
                union();
                return true;
            }
            case SqlWords.ORDER, SqlWords.GROUP -> {
                if (t.keyword(pos + 1) != SqlWords.BY) {
                    return false;
                }
                pos += 2;
                if (t.type(pos) == NUMBER) {
                    flags |= SqlFragment.ORDER_BY_NUMBER;
                }
                flags |= SqlFragment.CLAUSE;
                orderList();
                return true;
            }
            case SqlWords.WHERE, SqlWords.HAVING, SqlWords.ON -> {
                pos++;
                flags |= SqlFragment.CLAUSE | (kw == SqlWords.HAVING ? SqlFragment.HAVING_CLAUSE : 0);
                if (expression() == FAIL) {
                    failOrTruncate();
                }
                return true;
            }
            case SqlWords.LIMIT, SqlWords.OFFSET, SqlWords.TOP -> {
                pos++;
                flags |= SqlFragment.CLAUSE;
                if (expression() == FAIL) {
                    failOrTruncate();
                    return true;
                }
                if (t.type(pos) == COMMA || t.keyword(pos) == SqlWords.OFFSET) {
                    pos++;
                    if (expression() == FAIL) {
                        failOrTruncate();
                    }
                }
                return true;
            }
            case SqlWords.INTO -> {
                pos++;
                into();
                return true;
            }
            case SqlWords.FROM -> {
                pos++;
                flags |= SqlFragment.HAS_FROM;
                tableReferences();
                return true;
            }
            case SqlWords.PROCEDURE -> {
                pos++;
                if (operand() == FAIL) {
                    failOrTruncate();
                }
                flags |= SqlFragment.CLAUSE;
                return true;
            }
            case SqlWords.FOR -> {
                pos++;
                while (t.type(pos) == WORD && !atEnd()) {
                    pos++;
                }
                return true;
            }
            case SqlWords.JOIN, SqlWords.JOIN_KIND -> {
                tableReferenceTail();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    void union() {
        if (t.keyword(pos) == SqlWords.ALL || t.keyword(pos) == SqlWords.DISTINCT) {
            pos++;
        }
        int parens = 0;
        while (t.type(pos) == LPAREN) {
            pos++;
            parens++;
        }
        if (t.keyword(pos) == SqlWords.VALUES && t.type(pos + 1) == LPAREN) {
            pos++;
            list();
            flags |= SqlFragment.UNION_SELECT;
            return;
        }
        if (t.keyword(pos) != SqlWords.SELECT) {
            failOrTruncate();
            return;
        }
        flags |= SqlFragment.UNION_SELECT;
        select();
        while (parens-- > 0 && t.type(pos) == RPAREN) {
            pos++;
        }
    }

    /** {@code SELECT [DISTINCT] items [FROM refs] [clauses]}; false when no item parsed. */
    @Override
    boolean select() {
        if (depth >= MAX_DEPTH) {
            failed = true;
            return false;
        }
        depth++;
        try {
            return selectUnguarded();
        } finally {
            depth--;
        }
    }

    private boolean selectUnguarded() {
        pos++;
        short kw = t.keyword(pos);
        if (kw == SqlWords.ALL || kw == SqlWords.DISTINCT) {
            pos++;
        } else if (kw == SqlWords.TOP) {
            pos++;
            operand();
        }
        boolean any = false;
        do {
            if (any) {
                pos++;
            }
            if (t.op(pos) == '*' && t.length(pos) == 1) {
                pos++;
            } else if (expression() == FAIL) {
                failOrTruncate();
                return any;
            } else if (t.keyword(pos) == SqlWords.AS) {
                pos++;
                alias();
            } else {
                optionalAlias();
            }
            any = true;
        } while (!failed && t.type(pos) == COMMA);
        while (!failed && !atEnd() && isSelectClause(t.keyword(pos))) {
            if (!clause()) {
                failed = true;
            }
        }
        return any;
    }

    private static boolean isSelectClause(short kw) {
        return kw == SqlWords.FROM || kw == SqlWords.WHERE || kw == SqlWords.GROUP || kw == SqlWords.ORDER
                || kw == SqlWords.HAVING || kw == SqlWords.LIMIT || kw == SqlWords.INTO
                || kw == SqlWords.UNION || kw == SqlWords.OFFSET || kw == SqlWords.JOIN
                || kw == SqlWords.JOIN_KIND || kw == SqlWords.PROCEDURE || kw == SqlWords.SET_OP;
    }

    private void into() {
        if (t.keyword(pos) == SqlWords.OUTFILE) {
            pos++;
            flags |= SqlFragment.INTO_FILE;
            if (t.type(pos) == STRING) {
                pos++;
            } else {
                failOrTruncate();
            }
            return;
        }
        if (t.type(pos) == VARIABLE || (t.type(pos) == WORD && !SqlWords.isReserved(t.keyword(pos)))) {
            pos++;
            while (t.type(pos) == COMMA && (t.type(pos + 1) == VARIABLE || t.type(pos + 1) == WORD)) {
                pos += 2;
            }
            return;
        }
        failOrTruncate();
    }

    private void tableReferences() {
        do {
            if (t.type(pos) == COMMA) {
                pos++;
            }
            tableReference();
            tableReferenceTail();
        } while (!failed && t.type(pos) == COMMA);
    }

    private void tableReference() {
        byte ty = t.type(pos);
        if (ty == LPAREN) {
            if (operand() == FAIL) {
                failOrTruncate();
                return;
            }
        } else if ((ty == WORD && !SqlWords.isReserved(t.keyword(pos))) || ty == QUOTED_NAME) {
            if (ty == WORD && SqlWords.isCatalog(t.source, t.start(pos), t.end(pos))) {
                flags |= SqlFragment.CATALOG;
            }
            name();
            if (t.type(pos) == LPAREN) {
                functionCall(pos - 1);
            }
        } else {
            failOrTruncate();
            return;
        }
        if (t.keyword(pos) == SqlWords.AS) {
            pos++;
            alias();
        } else {
            optionalAlias();
        }
    }

    private void tableReferenceTail() {
        while (!failed) {
            short kw = t.keyword(pos);
            if (kw == SqlWords.JOIN_KIND) {
                pos++;
                continue;
            }
            if (kw != SqlWords.JOIN) {
                return;
            }
            pos++;
            tableReference();
            if (t.keyword(pos) == SqlWords.ON) {
                pos++;
                if (expression() == FAIL) {
                    failOrTruncate();
                }
            } else if (t.keyword(pos) == SqlWords.USING) {
                pos++;
                operand();
            }
        }
    }

    private void orderList() {
        do {
            if (t.type(pos) == COMMA) {
                pos++;
            }
            if (expression() == FAIL) {
                failOrTruncate();
                return;
            }
            if (t.keyword(pos) == SqlWords.ASC) {
                pos++;
            }
        } while (!failed && t.type(pos) == COMMA);
        if (t.keyword(pos) == SqlWords.WITH && t.keyword(pos + 1) == SqlWords.ROLLUP) {
            pos += 2;
        }
    }

    final boolean alias() {
        byte ty = t.type(pos);
        if ((ty == WORD && !SqlWords.isReserved(t.keyword(pos))) || ty == STRING || ty == QUOTED_NAME) {
            pos++;
            return true;
        }
        return false;
    }

    private void optionalAlias() {
        byte ty = t.type(pos);
        if ((ty == WORD && !SqlWords.isReserved(t.keyword(pos))) || ty == QUOTED_NAME) {
            pos++;
        }
    }

    /** A comma-separated expression list (arguments, VALUES rows, SET assignments). */
    void list() {
        do {
            if (t.type(pos) == COMMA) {
                pos++;
            }
            if (expression() == FAIL) {
                failOrTruncate();
                return;
            }
        } while (!failed && t.type(pos) == COMMA);
    }
}
