package io.warden.rules.inspect.path;

import io.warden.rules.inspect.Detector;
import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.ValueKind;
import io.warden.rules.inspect.normalize.NormalizedValue;

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
        check(value.text(), sink);
        if (value.markup() != value.text() && !value.markup().equals(value.text())) {
            check(value.markup(), sink);
        }
        if (value.raw().indexOf('%') >= 0 || value.raw().indexOf("0x") >= 0) {
            String lenient = PathView.lenient(value.raw());
            if (SensitivePaths.find(lenient) >= 0) {
                sink.report(Rule.TRAVERSAL_SENSITIVE_FILE, 10, value.raw(), 0);
            }
        }
    }

    private static void check(String text, FindingSink sink) {
        if (!mayHoldPath(text)) {
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

    /** A path needs a dot or a separator; plain words and sentences without them are skipped. */
    private static boolean mayHoldPath(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '.' || c == '/' || c == '\\' || c == ';' || c < 0x20 || c >= 0xe000
                    || (c == '0' && i + 1 < n && (s.charAt(i + 1) | 0x20) == 'x')) {
                return true;
            }
        }
        return false;
    }
}
