package io.warden.rules.inspect.path;

import io.warden.rules.inspect.Detector;
import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.ValueKind;
import io.warden.rules.inspect.normalize.NormalizedValue;
import io.warden.rules.inspect.normalize.Signals;
import io.warden.rules.inspect.normalize.Symbols;

/**
 * Path traversal: dot-dot segments and paths to system files, after every decoding layer.
 * The value is first reduced to a path view ({@link PathView}): separators of every spelling
 * ({@code \}, {@code ..;/}, overlong and look-alike slashes, {@code 0x2f}) become '/', letters
 * are lower-cased. A dot-dot segment needs a separator or the value's start on both sides, so
 * "wait.. what" and "see ../ below" in prose do not count.
 */
public final class TraversalDetector implements Detector {

    @Override
    public void inspect(NormalizedValue value, ValueKind kind, FindingSink sink) {
        // Decoding that produced control characters or %u escapes may have produced separators too.
        boolean decoded = value.has(Signals.CONTROL_CHARS | Signals.UNICODE_ESCAPE | Signals.OVERLONG_UTF8);
        check(value.text(), value.symbols(), decoded, sink);
        if (value.markup() != value.text() && !value.markup().equals(value.text())) {
            check(value.markup(), value.symbols(), decoded, sink);
        }
        if (escapeLike(value.raw()) || hexSpelling(value.raw())) {
            String lenient = PathView.lenient(value.raw());
            if (SensitivePaths.find(lenient) >= 0) {
                sink.report(Rule.TRAVERSAL_SENSITIVE_FILE, 10, value.raw(), 0);
            }
        }
    }

    private static void check(String text, long symbols, boolean decoded, FindingSink sink) {
        if (!decoded && !mayHoldPath(text, symbols)) {
            return;
        }
        String path = PathView.of(text);
        int dotDots = 0;
        boolean leading = false;
        boolean followedByName = false;
        int first = -1;
        int n = path.length();
        int i = 0;
        while (i < n) {
            if (path.charAt(i) != '.') {
                i++;
                continue;
            }
            int end = i;
            while (end < n && path.charAt(end) == '.') {
                end++;
            }
            boolean before = i == 0 || path.charAt(i - 1) == '/';
            boolean after = end == n || path.charAt(end) == '/';
            if (end - i >= 2 && before && after) {
                dotDots++;
                if (first < 0) {
                    first = i;
                    leading = PathView.onlySeparatorsBefore(path, i);
                }
                if (end + 1 < n && Character.isLetterOrDigit(path.charAt(end + 1))) {
                    followedByName = true;
                }
            }
            i = end;
        }
        int sensitive = SensitivePaths.find(path);
        if (sensitive >= 0) {
            sink.report(Rule.TRAVERSAL_SENSITIVE_FILE, dotDots > 0 || path.startsWith("file:") ? 10 : 8, text, 0);
        }
        if (dotDots >= 3) {
            sink.report(Rule.TRAVERSAL_DOTDOT, 10, text, 0);
        } else if (dotDots == 2) {
            sink.report(Rule.TRAVERSAL_DOTDOT, 8, text, 0);
        } else if (dotDots == 1) {
            boolean probe = (leading && followedByName) || PathView.onlyDotsAndSeparators(path);
            sink.report(Rule.TRAVERSAL_DOTDOT, probe ? 7 : 4, text, 0);
        }
    }

    /**
     * Whether the text could hold a path worth reading: a separator, a dot-dot, a hex spelling; or,
     * short and dotted, a bare file name ({@code boot.ini}). Sentences have none of these; {@code s}
     * is a view of a value whose {@link Symbols} census is {@code symbols}, so most of the checks
     * cost a bit test.
     */
    private static boolean mayHoldPath(String s, long symbols) {
        if ((symbols & SEPARATORS) != 0 || hexSpelling(s)) {
            return true;
        }
        // A dot-dot or a short dotted name: both need a dot.
        return (symbols & DOT) != 0 && (s.length() <= 64 || s.contains(".."));
    }

    private static final long SEPARATORS = Symbols.of("/\\");
    private static final long DOT = Symbols.of(".");

    /**
     * Whether {@code s} holds {@code 0x}: jumps between its 'x's with the vectorised single-character
     * search. Neither ids (hexadecimal, full of zeros) nor prose have many.
     */
    private static boolean hexSpelling(String s) {
        for (int at = s.indexOf('x', 1); at > 0; at = s.indexOf('x', at + 1)) {
            if (s.charAt(at - 1) == '0') {
                return true;
            }
        }
        return false;
    }

    /** A '%' followed by two letters or digits: a (possibly broken) escape a fuzzer left in. */
    private static boolean escapeLike(String s) {
        for (int at = s.indexOf('%'); at >= 0 && at + 2 < s.length(); at = s.indexOf('%', at + 1)) {
            if (Character.isLetterOrDigit(s.charAt(at + 1)) && Character.isLetterOrDigit(s.charAt(at + 2))) {
                return true;
            }
        }
        return false;
    }
}
