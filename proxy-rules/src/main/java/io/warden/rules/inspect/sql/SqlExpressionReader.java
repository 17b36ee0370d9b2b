package io.warden.rules.inspect.sql;

import static io.warden.rules.inspect.sql.SqlTokens.COMMA;
import static io.warden.rules.inspect.sql.SqlTokens.COMMENT;
import static io.warden.rules.inspect.sql.SqlTokens.EOF;
import static io.warden.rules.inspect.sql.SqlTokens.LPAREN;
import static io.warden.rules.inspect.sql.SqlTokens.OPERATOR;
import static io.warden.rules.inspect.sql.SqlTokens.QUOTED_NAME;
import static io.warden.rules.inspect.sql.SqlTokens.RPAREN;
import static io.warden.rules.inspect.sql.SqlTokens.STRING;
import static io.warden.rules.inspect.sql.SqlTokens.WORD;

/**
 * The expression half of the SQL reader: binary operators, logic, predicates (IN, BETWEEN, LIKE,
 * IS), arithmetic and subscripts over the operands {@link SqlOperandReader} reads, with the
 * bookkeeping that recognises tautologies ({@code 1=1}, {@code 'a'='a}).
 */
abstract class SqlExpressionReader extends SqlOperandReader {

    private static final int OP_COMPARE = 1;
    private static final int OP_OR = 2;
    private static final int OP_AND = 3;
    private static final int OP_BINARY = 4;
    private static final int OP_CAST = 5;

    /** Comparisons and predicates read so far, nested ones included. */
    private int comparisons;

    SqlExpressionReader(SqlTokens tokens, int start) {
        super(tokens, start);
    }

    /** An operand followed by operators; returns LITERAL when every leaf is a literal. */
    final int expression() {
        int kind = operand();
        if (kind == FAIL) {
            return FAIL;
        }
        return tail(kind);
    }

    /**
     * Binary operators, logic and predicates after an operand of {@code leftKind}. For the term
     * after each OR/AND it tracks whether the term is built from literals alone ({@code 1=1},
     * {@code 'a'='a}, {@code x=x}): the shape of a tautology or a blind probe.
     */
    final int tail(int leftKind) {
        boolean allLiteral = leftKind == LITERAL;
        int termNames = leftKind == LITERAL ? 0 : 1;
        int termComparisons = comparisons;
        boolean termBoolean = false;
        short logic = 0;
        int last = leftKind;
        int lastStart = pos - 1;
        while (!failed) {
            byte ty = t.type(pos);
            byte previous = pos == start && afterString ? STRING : t.type(pos - 1);
            if (ty == STRING && last == LITERAL && previous == STRING) {
                // Adjacent string literals concatenate ('a' 'b' is 'ab' in MySQL and PostgreSQL).
                pos++;
                continue;
            }
            if (ty == OPERATOR && t.isLast(pos) && t.op(pos) == '?' && t.length(pos) == 1) {
                // A question mark ending the text is punctuation, not PostgreSQL's JSON operator.
                pos++;
                continue;
            }
            if (ty == STRING && t.isLast(pos) && t.length(pos) == 1 && t.detail(pos) == SqlTokens.OPEN_STRING) {
                // A lone quote at the very end: left for the application's own quote to close.
                pos++;
                continue;
            }
            if (implicitConcatenation(ty, previous)) {
                // A '+' between a call and a string turns into a space when a payload is sent
                // unencoded in a URL: cast(x as nvarchar) ':' cast(y as nvarchar).
                int right = operand();
                if (right == FAIL) {
                    break;
                }
                termNames++;
                allLiteral = false;
                last = right;
                continue;
            }
            if (ty == OPERATOR && t.op(pos) == '!' && t.length(pos) == 1 && endsAfter(pos + 1)) {
                // PostgreSQL's postfix factorial: "' or abc!" ends a condition.
                pos++;
                continue;
            }
            if (ty == SqlTokens.OTHER && t.source.charAt(t.start(pos)) == '[') {
                if (!subscript()) {
                    break;
                }
                continue;
            }
            if (ty == OPERATOR) {
                int opKind = operatorKind(pos);
                if (opKind == 0) {
                    break;
                }
                pos++;
                flags |= SqlFragment.OPERATOR;
                if (opKind == OP_COMPARE) {
                    flags |= SqlFragment.COMPARISON;
                }
                if (opKind == OP_CAST) {
                    if (t.type(pos) == WORD) {
                        if (SqlWords.isType(t.source, t.start(pos), t.end(pos))) {
                            flags |= SqlFragment.CAST;
                        }
                        pos++;
                        if (isWord(pos, "precision") || isWord(pos, "varying")) {
                            pos++;
                        }
                        continue;
                    }
                    failOrTruncate();
                    break;
                }
                if (opKind == OP_OR || opKind == OP_AND) {
                    closeTerm(logic, termNames <= 0, comparisons > termComparisons, termBoolean);
                    logic = opKind == OP_OR ? SqlWords.OR : SqlWords.AND;
                    termNames = 0;
                    termComparisons = comparisons;
                    termBoolean = false;
                }
                int rightStart = pos;
                int right = operand();
                if (right == FAIL) {
                    if ((opKind == OP_OR || opKind == OP_AND) && atEnd()) {
                        flags |= SqlFragment.LOGIC_DANGLING;
                    }
                    failOrTruncate();
                    break;
                }
                if (right != LITERAL) {
                    termNames++;
                } else if (opKind == OP_BINARY && t.keyword(rightStart) == SqlWords.TRUE) {
                    flags |= SqlFragment.LITERAL_LOGIC;
                }
                if (opKind == OP_COMPARE) {
                    comparisons++;
                    boolean same = sameName(lastStart, rightStart, last, right);
                    if ((last == LITERAL && right == LITERAL) || same) {
                        flags |= SqlFragment.LITERAL_COMPARISON;
                        if (t.type(rightStart) == STRING && t.type(lastStart) == STRING) {
                            flags |= SqlFragment.STRING_COMPARISON;
                        }
                    }
                    if (same) {
                        termNames -= 2;
                    }
                }
                allLiteral &= right == LITERAL;
                last = right;
                lastStart = rightStart;
                continue;
            }
            if (ty != WORD) {
                break;
            }
            short kw = t.keyword(pos);
            if (kw == SqlWords.AND || kw == SqlWords.OR || kw == SqlWords.XOR) {
                closeTerm(logic, termNames <= 0, comparisons > termComparisons, termBoolean);
                logic = kw == SqlWords.AND ? SqlWords.AND : SqlWords.OR;
                pos++;
                termComparisons = comparisons;
                lastStart = pos;
                termBoolean = t.keyword(pos) == SqlWords.TRUE;
                last = operand();
                if (last == FAIL) {
                    if (atEnd()) {
                        flags |= SqlFragment.LOGIC_DANGLING;
                    }
                    failOrTruncate();
                    termNames = 1;
                    break;
                }
                termNames = last == LITERAL ? 0 : 1;
                allLiteral &= last == LITERAL;
                continue;
            }
            int predicateStart = pos;
            int predicate = predicate();
            if (predicate == FAIL) {
                break;
            }
            if (predicate == LITERAL && last == LITERAL && t.keyword(predicateStart) == SqlWords.LIKE) {
                flags |= SqlFragment.LITERAL_LOGIC;
            }
            comparisons++;
            flags |= SqlFragment.PREDICATE;
            if (predicate != LITERAL) {
                termNames++;
            }
            allLiteral &= predicate == LITERAL;
        }
        closeTerm(logic, termNames <= 0, comparisons > termComparisons, termBoolean);
        return allLiteral ? LITERAL : OTHER;
    }

    private boolean implicitConcatenation(byte ty, byte previous) {
        if (ty == WORD && SqlWords.isReserved(t.keyword(pos))) {
            return false;
        }
        if (previous == RPAREN) {
            return ty == STRING || ty == LPAREN || (ty == WORD && t.type(pos + 1) == LPAREN);
        }
        return previous == STRING && ty == WORD && t.type(pos + 1) == LPAREN
                && SqlWords.functionKind(t.source, t.start(pos), t.end(pos)) != 0;
    }

    private void closeTerm(short logic, boolean literal, boolean compares, boolean booleanWord) {
        if (logic == SqlWords.OR) {
            flags |= SqlFragment.OR_PREDICATE;
            if (literal) {
                flags |= compares || booleanWord ? SqlFragment.OR_CONSTANT : SqlFragment.OR_LITERAL;
            }
        } else if (logic == SqlWords.AND) {
            flags |= SqlFragment.AND_PREDICATE | (literal && compares ? SqlFragment.AND_CONSTANT : 0);
        }
    }

    /** IS, LIKE, IN, BETWEEN and friends; returns the kind of the operand read, or FAIL. */
    private int predicate() {
        short kw = t.keyword(pos);
        int start = pos;
        if (kw == SqlWords.NOT) {
            short next = t.keyword(pos + 1);
            if (next != SqlWords.LIKE && next != SqlWords.IN && next != SqlWords.BETWEEN
                    && next != SqlWords.SIMILAR) {
                return FAIL;
            }
            pos++;
            kw = next;
        }
        switch (kw) {
            case SqlWords.IS -> {
                pos++;
                if (t.keyword(pos) == SqlWords.NOT) {
                    pos++;
                }
                short v = t.keyword(pos);
                if (v == SqlWords.NULL || v == SqlWords.TRUE) {
                    pos++;
                    return LITERAL;
                }
                if (v == SqlWords.DISTINCT && t.keyword(pos + 1) == SqlWords.FROM) {
                    pos += 2;
                    return operand();
                }
                return failAt(start);
            }
            case SqlWords.LIKE, SqlWords.SIMILAR, SqlWords.SOUNDS -> {
                pos++;
                if ((kw == SqlWords.SIMILAR && t.keyword(pos) == SqlWords.TO)
                        || (kw == SqlWords.SOUNDS && t.keyword(pos) == SqlWords.LIKE)) {
                    pos++;
                }
                int k = operand();
                if (k == FAIL) {
                    return atEnd() ? OTHER : failAt(start);
                }
                if (t.keyword(pos) == SqlWords.ESCAPE) {
                    pos++;
                    operand();
                }
                return k;
            }
            case SqlWords.IN -> {
                pos++;
                if (t.type(pos) != LPAREN) {
                    return failAt(start);
                }
                int listStart = pos;
                int list = operand();
                if (list == LITERAL && t.type(listStart + 2) == COMMA) {
                    flags |= SqlFragment.LITERAL_LIST;
                }
                return list;
            }
            case SqlWords.BETWEEN -> {
                pos++;
                int low = arithmetic();
                if (low == FAIL || t.keyword(pos) != SqlWords.AND) {
                    return atEnd() ? OTHER : failAt(start);
                }
                pos++;
                int high = arithmetic();
                return high == FAIL ? failAt(start) : (low == LITERAL && high == LITERAL ? LITERAL : OTHER);
            }
            case SqlWords.POSTFIX_NULL -> {
                pos++;
                return LITERAL;
            }
            case SqlWords.COLLATE -> {
                pos++;
                byte ty = t.type(pos);
                if (ty == WORD || ty == STRING || ty == QUOTED_NAME) {
                    pos++;
                    return LITERAL;
                }
                return failAt(start);
            }
            case SqlWords.DIV -> {
                pos++;
                return operand();
            }
            default -> {
                return FAIL;
            }
        }
    }

    /** Operands joined by arithmetic operators only (a BETWEEN bound). */
    private int arithmetic() {
        int kind = operand();
        while (kind != FAIL && t.type(pos) == OPERATOR && operatorKind(pos) == OP_BINARY) {
            pos++;
            int next = operand();
            if (next == FAIL) {
                return FAIL;
            }
            kind = kind == LITERAL && next == LITERAL ? LITERAL : OTHER;
        }
        return kind;
    }

    /** {@code [expr]} after an operand or {@code array[...]}: PostgreSQL subscripts and array literals. */
    private boolean subscript() {
        pos++;
        if (t.type(pos) == SqlTokens.OTHER && t.source.charAt(t.start(pos)) == ']') {
            pos++;
            return true;
        }
        do {
            if (t.type(pos) == COMMA) {
                pos++;
            }
            if (expression() == FAIL) {
                failOrTruncate();
                return !failed;
            }
        } while (t.type(pos) == COMMA);
        if (t.type(pos) == SqlTokens.OTHER && t.source.charAt(t.start(pos)) == ']') {
            pos++;
            return true;
        }
        failOrTruncate();
        return !failed;
    }

    private boolean endsAfter(int i) {
        byte ty = t.type(i);
        return ty == EOF || ty == COMMENT || ty == SqlTokens.SEMICOLON || ty == RPAREN;
    }

    private int failAt(int start) {
        pos = start;
        return FAIL;
    }

    private int operatorKind(int i) {
        String s = t.source;
        int from = t.start(i);
        int len = t.length(i);
        char c = s.charAt(from);
        if (len == 2 && s.startsWith("||", from)) {
            return OP_OR;
        }
        if (len == 2 && s.startsWith("&&", from)) {
            return OP_AND;
        }
        if (len == 2 && s.startsWith("::", from)) {
            return OP_CAST;
        }
        if (c == '=' || c == '<' || c == '>' || (c == '!' && len > 1) || (c == '~' && len > 1) || c == '?'
                || (c == '@' && len == 2)) {
            return len >= 2 && (s.startsWith("<<", from) || s.startsWith(">>", from)) ? OP_BINARY : OP_COMPARE;
        }
        if (len == 1 && c == '~') {
            // PostgreSQL's regular-expression match when it follows an operand; prefix otherwise.
            return OP_COMPARE;
        }
        if (len == 1 && (c == '!' || c == ':')) {
            return 0;
        }
        return OP_BINARY;
    }

    private boolean sameName(int a, int b, int kindA, int kindB) {
        if (kindA != NAME || kindB != NAME || a < 0 || t.type(a) != WORD || t.type(b) != WORD) {
            return false;
        }
        int len = t.length(a);
        return len == t.length(b) && t.source.regionMatches(true, t.start(a), t.source, t.start(b), len);
    }
}
