package io.warden.rules.inspect.shell;

import io.warden.rules.inspect.CharFinder;
import io.warden.rules.inspect.normalize.Symbols;

/**
 * Splits text into the simple commands a shell would run: at {@code ; | || & && newline}, and
 * into the bodies of {@code $(...)} and backtick substitutions (nesting capped). Quotes do not
 * protect separators here on purpose: prose apostrophes would otherwise swallow the rest of the
 * line. Each simple command goes to a {@link Visitor} with how it was reached.
 */
final class ShellLine {

    /** How a simple command was reached. */
    enum Position { START, SEPARATOR, SUBSTITUTION, BACKTICK }

    @FunctionalInterface
    interface Visitor {
        /** One simple command, {@code s[from, to)}. */
        void command(String s, int from, int to, Position position);
    }

    private static final int MAX_DEPTH = 4;
    private static final int MAX_COMMANDS = 100_000;

    private final Visitor visitor;
    /** The {@link Symbols} census of the text being split. */
    private final long symbols;
    private int commands;

    private ShellLine(Visitor visitor, long symbols) {
        this.visitor = visitor;
        this.symbols = symbols;
    }

    static void split(String s, Visitor visitor) {
        split(s, Symbols.ALL, visitor);
    }

    /** Splits {@code s}, whose {@link Symbols} census is {@code symbols}. */
    static void split(String s, long symbols, Visitor visitor) {
        new ShellLine(visitor, symbols).scan(s, 0, s.length(), Position.START, 0);
    }

    /**
     * Whether the text, whose {@link Symbols} census is {@code symbols}, has any separator or
     * substitution at all; without one it is a single simple command and splitting is not needed.
     */
    static boolean hasSyntax(String s, long symbols) {
        return (symbols & SYNTAX_MARKS) != 0;
    }

    private static final long SYNTAX_MARKS = Symbols.of(";|&`(\\") | Symbols.LINE_BREAK;

    /** Where the first simple command ends: the first separator or substitution, or the end. */
    static int firstCommandEnd(String s) {
        CharFinder syntax = new CharFinder(s, 0, s.length(), SYNTAX);
        for (int i = syntax.next(0), n = s.length(); i < n; i = syntax.next(i + 1)) {
            char c = s.charAt(i);
            if (c == '`' || ((c == '$' || c == '<' || c == '>') && i + 1 < n && s.charAt(i + 1) == '(')
                    || separatorLength(s, i, n) > 0) {
                return i;
            }
        }
        return s.length();
    }

    private void scan(String s, int from, int to, Position first, int depth) {
        int start = from;
        Position position = first;
        CharFinder syntax = new CharFinder(s, from, to, SYNTAX, symbols);
        int i = syntax.next(from);
        while (i < to && commands < MAX_COMMANDS) {
            char c = s.charAt(i);
            if ((c == '$' || c == '<' || c == '>') && i + 1 < to && s.charAt(i + 1) == '('
                    && !(i + 2 < to && (s.charAt(i + 2) == '(' || s.charAt(i + 2) == ')'))) {
                int close = matching(s, i + 1, to);
                if (depth < MAX_DEPTH) {
                    scan(s, i + 2, close, Position.SUBSTITUTION, depth + 1);
                }
                i = syntax.next(Math.min(to, close + 1));
                continue;
            }
            if (c == '`') {
                int close = s.indexOf('`', i + 1);
                if (close < 0 || close > to) {
                    close = to;
                }
                if (close > i + 1 && depth < MAX_DEPTH) {
                    scan(s, i + 1, close, Position.BACKTICK, depth + 1);
                }
                i = syntax.next(Math.min(to, close + 1));
                continue;
            }
            int separator = separatorLength(s, i, to);
            if (separator > 0) {
                emit(s, start, i, position);
                position = Position.SEPARATOR;
                start = i + separator;
                i = syntax.next(start);
                continue;
            }
            i = syntax.next(i + 1);
        }
        emit(s, start, to, position);
    }

    /** The characters that can begin a separator, a substitution or a redirection. */
    private static final String SYNTAX = "\n\r$&;<>`|\\";

    private void emit(String s, int from, int to, Position position) {
        if (commands < MAX_COMMANDS) {
            commands++;
            visitor.command(s, from, to, position);
        }
    }

    /**
     * The length of a command separator at {@code i}, or 0: {@code ; | || & && |&}, a line break,
     * and the two characters {@code \n} where payload lists write a line break at a command start.
     */
    private static int separatorLength(String s, int i, int to) {
        char c = s.charAt(i);
        if (c == ';' || c == '\n' || c == '\r') {
            return 1;
        }
        if (c == '|' || c == '&') {
            if (c == '&' && (isEntity(s, i, to) || isQueryParameter(s, i + 1, to))) {
                return 0;
            }
            return i + 1 < to && (s.charAt(i + 1) == c || (c == '|' && s.charAt(i + 1) == '&')) ? 2 : 1;
        }
        if (c == '\\' && i + 1 < to && (s.charAt(i + 1) == 'n' || s.charAt(i + 1) == 'r')) {
            boolean before = i == 0 || " ;|&\"'".indexOf(s.charAt(i - 1)) >= 0;
            boolean after = i + 2 >= to || " ;|&\\".indexOf(s.charAt(i + 2)) >= 0;
            return before || after ? 2 : 0;
        }
        return 0;
    }

    /** {@code &amp;}, {@code &#8222;}: an HTML character reference, not a background operator. */
    private static boolean isEntity(String s, int i, int to) {
        int j = i + 1;
        if (j < to && s.charAt(j) == '#') {
            j++;
        }
        int start = j;
        while (j < to && j - start < 8 && Character.isLetterOrDigit(s.charAt(j))) {
            j++;
        }
        return j > start && j < to && s.charAt(j) == ';';
    }

    /** {@code &name=}: a URL's next query parameter, not a background operator. */
    private static boolean isQueryParameter(String s, int from, int to) {
        int i = from;
        while (i < to && i - from < 32 && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                || s.charAt(i) == '[' || s.charAt(i) == ']' || s.charAt(i) == '.')) {
            i++;
        }
        return i > from && i < to && s.charAt(i) == '=';
    }

    /** The index of the ')' closing the '(' at {@code open}, or {@code to}. */
    private static int matching(String s, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return to;
    }
}
