package io.warden.rules.inspect.shell;

import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.WordTable;

import java.util.HashMap;
import java.util.Map;

/**
 * Line-break injection into mail protocols: a line break followed by an SMTP, POP3 or IMAP
 * command ({@code \r\nRCPT TO:}, {@code \na001 STATUS INBOX}), which a mail library sending the
 * value on would execute. Tagged IMAP commands need a tag such as {@code a001}.
 */
final class MailProtocol {

    private static final WordTable VERBS = WordTable.of(verbs());
    private static final WordTable IMAP = WordTable.of(imap());

    private MailProtocol() {
    }

    static void scan(String s, CommandInjectionDetector.Scores scores) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            int lineStart = lineBreakEnd(s, i, n);
            if (lineStart < 0) {
                continue;
            }
            int wordEnd = wordEnd(s, lineStart, n);
            if (VERBS.lookup(s, lineStart, wordEnd) != 0) {
                scores.raise(Rule.CMDI_PROTOCOL, 8, lineStart);
                return;
            }
            if (isTag(s, lineStart, wordEnd) && wordEnd < n && s.charAt(wordEnd) == ' ') {
                int verbEnd = wordEnd(s, wordEnd + 1, n);
                if (IMAP.lookup(s, wordEnd + 1, verbEnd) != 0) {
                    scores.raise(Rule.CMDI_PROTOCOL, 8, lineStart);
                    return;
                }
            }
        }
    }

    /** The index after a line break at {@code i} (a real one or the two characters {@code \n}), or -1. */
    private static int lineBreakEnd(String s, int i, int n) {
        char c = s.charAt(i);
        if (c == '\n' || c == '\r') {
            int j = i + 1;
            while (j < n && (s.charAt(j) == '\n' || s.charAt(j) == '\r')) {
                j++;
            }
            return j;
        }
        if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == 'n' || s.charAt(i + 1) == 'r')) {
            int j = i + 2;
            while (j + 1 < n && s.charAt(j) == '\\' && (s.charAt(j + 1) == 'n' || s.charAt(j + 1) == 'r')) {
                j += 2;
            }
            return j;
        }
        return -1;
    }

    private static int wordEnd(String s, int from, int n) {
        int i = from;
        while (i < n && i - from < 16 && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == ':')) {
            i++;
        }
        return i;
    }

    /** An IMAP tag: letters then digits ({@code a001}, {@code A003}). */
    private static boolean isTag(String s, int from, int to) {
        int i = from;
        while (i < to && Character.isLetter(s.charAt(i))) {
            i++;
        }
        int digits = to - i;
        while (i < to && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i == to && digits >= 2 && to - from <= 8;
    }

    private static Map<String, Integer> verbs() {
        Map<String, Integer> m = new HashMap<>();
        for (String v : new String[] {"ehlo", "helo", "rcpt", "apop", "retr", "dele", "uidl", "starttls",
            "vrfy", "expn"}) {
            m.put(v, 1);
        }
        return m;
    }

    private static Map<String, Integer> imap() {
        Map<String, Integer> m = new HashMap<>();
        for (String v : new String[] {"login", "select", "fetch", "store", "append", "status", "uid", "authenticate",
            "logout", "capability", "examine", "list", "lsub", "create", "delete", "rename", "search", "copy",
            "expunge", "noop", "subscribe"}) {
            m.put(v, 1);
        }
        return m;
    }
}
