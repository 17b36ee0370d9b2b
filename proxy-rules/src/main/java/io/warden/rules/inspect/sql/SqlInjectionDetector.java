package io.warden.rules.inspect.sql;

import io.warden.rules.inspect.Detector;
import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.ValueKind;
import io.warden.rules.inspect.normalize.NormalizedValue;
import io.warden.rules.inspect.normalize.Symbols;

/**
 * Finds SQL injection by asking where the input could sit in a query and whether, there, it
 * stays valid SQL that does something an application's own value never does.
 *
 * <p>Input is read in the places an application puts a value: as a number or name
 * ({@code id=<in>}), appended after a value ({@code id=1 <in>}), as a statement, and inside a
 * single-, double- or backtick-quoted literal that the input's first quote closes. Each reading
 * is parsed by {@link SqlFragmentParser} and scored by {@link SqlScorer}. Separately,
 * {@link SqlAnchors} recognises constructs no context makes innocent (UNION SELECT, delay and file
 * functions, catalogues) wherever they occur.
 */
public final class SqlInjectionDetector implements Detector {

    private static final int MAX_TOKENS = 1 << 16;
    private static final char[] QUOTES = {'\'', '"', '`'};
    /** Any character but letters, digits and {@code - . _}. */
    private static final long BEYOND_TOKEN = Symbols.ALL & ~Symbols.DIGIT & ~Symbols.of("-._");

    @Override
    public void inspect(NormalizedValue value, ValueKind kind, FindingSink sink) {
        String text = value.text();
        if (!value.holdsAny(BEYOND_TOKEN) && !SqlWords.hasVocabulary(text, 0, text.length())) {
            // An id, a locale, a date: names and numbers joined by - . _ and nothing SQL knows.
            return;
        }
        if (!worthParsing(text)) {
            return;
        }
        SqlScorer scorer = new SqlScorer();
        SqlTokens plain = SqlLexer.tokenize(text, 0, MAX_TOKENS);
        scorer.score(SqlFragmentParser.value(plain), SqlScorer.Reading.VALUE, 0, false, false,
                plain.type(0) == SqlTokens.LPAREN, plain.type(0) == SqlTokens.WORD
                        && SqlWords.functionKind(text, plain.start(0), plain.end(0)) != 0);
        scorer.execOnly(execOnly(plain));
        if (startsContinuation(plain)) {
            scorer.score(SqlFragmentParser.afterValue(plain, 0), SqlScorer.Reading.AFTER_VALUE, 0, false, false);
        }
        if (plain.type(0) == SqlTokens.WORD && SqlWords.isStatement(plain.keyword(0))) {
            scorer.score(SqlFragmentParser.statement(plain, 0), SqlScorer.Reading.STATEMENT, 0, false, false);
        }
        scorer.anchors(SqlAnchors.scan(text), 0);
        if (plain.type(0) == SqlTokens.SEMICOLON && keywordProbe(plain)) {
            scorer.keywordProbe(0);
        }
        if (plain.keyword(0) == SqlWords.VALUES && plain.type(1) == SqlTokens.LPAREN
                && SqlFragmentParser.call(plain, 0).complete() && plain.type(2) == SqlTokens.STRING) {
            scorer.keywordProbe(0);
        }
        for (char quote : QUOTES) {
            int at = Symbols.mayHold(value.symbols(), quote) ? text.indexOf(quote) : -1;
            if (at < 0) {
                continue;
            }
            quotedReading(text, at, scorer);
            if (at > 0 && text.charAt(at - 1) == '\\') {
                // A backslash-escaped first quote is the double-escaping trick: the next quote breaks out.
                int next = text.indexOf(quote, at + 1);
                if (next > 0) {
                    quotedReading(text, next, scorer);
                }
            }
        }
        scorer.report(text, sink);
    }

    /**
     * {@code EXECUTE name} as the whole value, or EXEC cut off at its procedure or argument
     * ({@code exec master.}, {@code exec (@}).
     */
    private static boolean execOnly(SqlTokens t) {
        if (t.keyword(0) != SqlWords.EXEC) {
            return false;
        }
        if (t.type(1) == SqlTokens.WORD && t.type(2) == SqlTokens.EOF) {
            return true;
        }
        byte next = t.type(1);
        return t.type(4) == SqlTokens.EOF && (next == SqlTokens.LPAREN || next == SqlTokens.VARIABLE
                || (next == SqlTokens.WORD && t.type(2) == SqlTokens.DOT));
    }

    private static void quotedReading(String text, int at, SqlScorer scorer) {
        SqlTokens quoted = SqlLexer.tokenize(text, at + 1, MAX_TOKENS);
        SqlFragment f = SqlFragmentParser.afterValue(quoted, 0, text.charAt(at));
        boolean bare = f.tokens() <= 1 && singleToken(text, at) && emptyTerminator(quoted);
        if (singleToken(text, at) && keywordProbe(quoted)) {
            scorer.keywordProbe(at);
        }
        if (quoteInsideComment(text)) {
            scorer.keywordProbe(at);
        }
        scorer.scoreQuoted(f, at, prefixIsProse(text, at), bare, singleToken(text, at));
    }

    /**
     * Whether any SQL reading is possible: SQL needs punctuation, a digit or a keyword, and
     * plain words without any of those are the bulk of chat text.
     */
    private static boolean worthParsing(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 'A' && c != ' ' && c != '.' && c != '?' && c != '!' && c != '\n') {
                return true;
            }
            if (c == '@' || c == '`' || c == '^' || c == '|' || c == '~' || c == '\\' || c == '\u2013'
                    || c == '\u2014' || (c == '.' && i > 0 && i + 1 < n && Character.isLetter(s.charAt(i + 1))
                    && Character.isLetter(s.charAt(i - 1)) && s.indexOf(' ') < 0)) {
                return true;
            }
        }
        return SqlAnchors.hasKeyword(s);
    }

    /** Whether the first token can only continue a query (an operator, a clause, a closing paren). */
    private static boolean startsContinuation(SqlTokens t) {
        byte ty = t.type(0);
        if (ty == SqlTokens.OPERATOR || ty == SqlTokens.RPAREN || ty == SqlTokens.SEMICOLON
                || ty == SqlTokens.COMMA || ty == SqlTokens.COMMENT) {
            return true;
        }
        if (ty != SqlTokens.WORD) {
            return false;
        }
        short kw = t.keyword(0);
        return SqlWords.isReserved(kw) && kw != SqlWords.NULL && kw != SqlWords.TRUE
                && kw != SqlWords.CASE && kw != SqlWords.NOT && !SqlWords.isStatement(kw);
    }

    /**
     * Whether the text before a breakout quote reads as a sentence. Injections put at most a value
     * before their quote ({@code admin'}, {@code 1'}); prose that merely contains a quote puts
     * words there.
     */
    static boolean prefixIsProse(String text, int quoteAt) {
        int words = 0;
        boolean inWord = false;
        int letters = 0;
        for (int i = 0; i < quoteAt; i++) {
            char c = text.charAt(i);
            boolean space = Character.isWhitespace(c);
            if (!space && !inWord) {
                words++;
                letters = 0;
            }
            if (Character.isLetter(c)) {
                letters++;
            }
            inWord = !space;
        }
        return words >= 3 || (words == 2 && letters >= 2);
    }

    /** Whether the text before the quote is at most one whitespace-free token. */
    private static boolean singleToken(String text, int quoteAt) {
        for (int i = 0; i < quoteAt; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a breakout is followed by a statement keyword and at most one short stub:
     * {@code 'UNION A}, {@code " ALTER A}, {@code ';SELECT P}: probing which keyword survives.
     */
    private static boolean keywordProbe(SqlTokens t) {
        int i = t.type(0) == SqlTokens.SEMICOLON ? 1 : 0;
        short kw = t.keyword(i);
        if (t.type(i) != SqlTokens.WORD || !(SqlWords.isStatement(kw) || kw == SqlWords.UNION)) {
            return false;
        }
        if (t.type(i + 4) != SqlTokens.EOF) {
            return false;
        }
        int total = t.total();
        int rest = total - i - 1;
        int restLength = rest == 0 ? 0 : t.end(total - 1) - t.start(i + 1);
        return rest == 0 || (rest <= 2 && restLength <= 3) || (rest == 1 && t.type(i + 1) == SqlTokens.OPERATOR);
    }

    /** A quote hidden inside a block comment ({@code 1/*'*}{@code /}): written to slip a quote past filters. */
    private static boolean quoteInsideComment(String text) {
        int open = text.indexOf("/*");
        if (open < 0) {
            return false;
        }
        int close = text.indexOf("*/", open + 2);
        int end = close < 0 ? text.length() : close;
        for (int i = open + 2; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                return true;
            }
        }
        return false;
    }

    /** Whether the breakout is followed by nothing but a comment or ';' with at most a few marks. */
    private static boolean emptyTerminator(SqlTokens t) {
        if (t.type(0) == SqlTokens.EOF) {
            return false;
        }
        byte first = t.type(0);
        if (first == SqlTokens.SEMICOLON) {
            return t.type(1) == SqlTokens.EOF;
        }
        if (first != SqlTokens.COMMENT) {
            return false;
        }
        int meaningful = 0;
        for (int i = t.start(0); i < t.end(0); i++) {
            if (Character.isLetterOrDigit(t.source.charAt(i))) {
                meaningful++;
            }
        }
        return meaningful <= 2;
    }
}
