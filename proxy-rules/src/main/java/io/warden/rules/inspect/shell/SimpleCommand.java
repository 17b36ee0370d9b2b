package io.warden.rules.inspect.shell;

import static io.warden.rules.inspect.shell.ShellWords.FUNCTION_WORDS;
import static io.warden.rules.inspect.shell.ShellWords.contains;
import static io.warden.rules.inspect.shell.ShellWords.isAssignment;
import static io.warden.rules.inspect.shell.ShellWords.isAssignmentOperator;
import static io.warden.rules.inspect.shell.ShellWords.isBareVariable;
import static io.warden.rules.inspect.shell.ShellWords.isFlag;
import static io.warden.rules.inspect.shell.ShellWords.isObfuscated;
import static io.warden.rules.inspect.shell.ShellWords.isOpener;
import static io.warden.rules.inspect.shell.ShellWords.isPlainWord;
import static io.warden.rules.inspect.shell.ShellWords.isWindowsArgument;
import static io.warden.rules.inspect.shell.ShellWords.kindOfWord;
import static io.warden.rules.inspect.shell.ShellWords.normalise;
import static io.warden.rules.inspect.shell.ShellWords.plainEnd;
import static io.warden.rules.inspect.shell.ShellWords.skipSpace;
import static io.warden.rules.inspect.shell.ShellWords.wordEnd;

/**
 * One simple command read from text: its command word (normalised the way a shell would see
 * it: quotes, backslashes and empty expansions removed, the directory dropped) and the shape of
 * its arguments. Reading stops after {@link #MAX_WORDS} words; prose shows itself by then.
 */
final class SimpleCommand {

    private static final int MAX_WORDS = 24;
    /**
     * Characters of a simple command that are read: a command shows what it is well within it,
     * and a megabyte-long "word" then costs no more than a short one.
     */
    private static final int MAX_CHARS = 1024;

    /** The command word, normalised and lower-cased; empty when there is none. */
    String name = "";
    /** Where the command word starts in the text. */
    int at;
    /** The command word hid itself: quotes or backslashes inside it, {@code $IFS}, a glob. */
    boolean obfuscated;
    /** Arguments a shell user writes and prose does not: flags, paths, URLs, redirections. */
    int shellArguments;
    /** Arguments that are plain words (letters, trailing punctuation allowed). */
    int plainArguments;
    /** Plain arguments that are English function words ("the", "to", "my"): the mark of a sentence. */
    int functionWords;
    /** Alternatives of a brace expansion in the command word ({@code c{a,oun}t}), empty when none. */
    java.util.List<String> alternatives = java.util.List.of();
    /** Bare numbers among the arguments ({@code sleep 5}). */
    int numbers;
    /** A Windows path or switch among the arguments ({@code C:\}, {@code /c}, {@code %SystemRoot%}). */
    boolean windowsArgument;
    /** The first argument, normalised like a command word (for {@code which nc}, {@code sh -c}). */
    String firstArgument = "";
    /** The command word names the directory of a program ({@code bin/ansible}, {@code /usr/sbin/x}). */
    boolean programPath;
    /**
     * The command word is written like a Unix program name: lower case, digits, {@code . _ - /}.
     * "Win64", "x64)" and "rv:126.0)" in a User-Agent are not.
     */
    boolean programLike;
    /** The command word is a variable followed by {@code -c}: {@code $SHELL -c "..."}. */
    boolean variableShell;
    /** The first argument is an assignment operator ({@code less = [...]}): program code, not a command. */
    boolean assignsWithSpaces;
    /** An argument that is itself an unmistakable command ({@code .shell nc 10.0.0.1 -e sh}). */
    boolean commandArgument;

    private SimpleCommand() {
    }

    static SimpleCommand read(String s, int from, int to) {
        return read(s, from, to, false);
    }

    /**
     * Reads a simple command; with {@code scanArguments} every argument is also checked for being
     * a command of its own (worth it after a separator, not for the first words of prose).
     */
    static SimpleCommand read(String s, int from, int limit, boolean scanArguments) {
        SimpleCommand c = new SimpleCommand();
        int to = Math.min(limit, from + MAX_CHARS);
        int i = skipSpace(s, from, to);
        int words = 0;
        boolean commandFound = false;
        while (i < to && words < MAX_WORDS) {
            int end = wordEnd(s, i, to);
            if (end == i) {
                i++;
                continue;
            }
            if (!commandFound) {
                if (isBareVariable(s, i, end)) {
                    int next = skipSpace(s, end, to);
                    c.variableShell |= s.startsWith("-c", next);
                }
                if (!isAssignment(s, i, end) && !isOpener(s, i, end) && !isBareVariable(s, i, end)) {
                    commandFound = true;
                    c.at = i;
                    c.name = normalise(s, i, end);
                    c.obfuscated = isObfuscated(s, i, end);
                    c.alternatives = BraceExpansion.alternatives(s, i, end);
                    c.programPath = contains(s, i, end, "bin/");
                    c.programLike = isProgramLike(s, i, end);
                    if (!c.alternatives.isEmpty()) {
                        c.shellArguments++;
                    }
                }
            } else {
                if (words == 1) {
                    c.firstArgument = normalise(s, i, end);
                    c.assignsWithSpaces = isAssignmentOperator(s, i, end);
                }
                c.classify(s, i, end);
                if (scanArguments && !c.commandArgument && end - i <= 24
                        && (words == 1 ? ShellCommands.kind(c.firstArgument) : kindOfWord(s, i, end)) == ShellCommands.DISTINCT) {
                    c.commandArgument = true;
                }
            }
            if (commandFound) {
                words++;
            }
            i = skipSpace(s, end, to);
        }
        return c;
    }

    private static boolean isProgramLike(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '/')) {
                return false;
            }
        }
        return to - from >= 2;
    }

    /**
     * Whether the first simple command's first word could make it a command at all: a known
     * name, a path to a program, a brace expansion, a hidden word or a variable. A sentence's
     * first word is none of these, and then the rest of it need not be read.
     */
    static boolean commandWordMatters(String s, int from, int limit) {
        int to = Math.min(limit, from + MAX_CHARS);
        int i = skipSpace(s, from, to);
        if (i >= to) {
            return false;
        }
        int end = plainEnd(s, i, wordEnd(s, i, to));
        if (end == i) {
            return true;
        }
        for (int k = i; k < end; k++) {
            char c = s.charAt(k);
            if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '.') {
                return true;
            }
        }
        return ShellCommands.kind(s, i, end) != 0;
    }

    /**
     * Whether a command reached through a separator or a substitution needs reading at all: some
     * word holds more than letters and digits, or names a command. The cells of a markdown table
     * ("| Price | Beds |") do not.
     */
    static boolean anyWordMatters(String s, int from, int limit) {
        int to = Math.min(limit, from + MAX_CHARS);
        int i = skipSpace(s, from, to);
        for (int words = 0; i < to && words < MAX_WORDS; words++) {
            int end = wordEnd(s, i, to);
            int plain = plainEnd(s, i, end);
            if (plain == i) {
                return true;
            }
            for (int k = i; k < plain; k++) {
                char c = s.charAt(k);
                if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '.') {
                    return true;
                }
            }
            if (ShellCommands.kind(s, i, plain) != 0) {
                return true;
            }
            i = skipSpace(s, end, to);
        }
        return false;
    }

    /** The same command with its first word dropped: what {@code sudo x} or {@code nohup x} runs. */
    static SimpleCommand afterPrefix(String s, int from, int to, boolean scanArguments) {
        SimpleCommand prefix = read(s, from, to);
        if (prefix.name.isEmpty()) {
            return prefix;
        }
        int next = wordEnd(s, prefix.at, to);
        return read(s, next, to, scanArguments);
    }

    private void classify(String s, int from, int to) {
        char c = s.charAt(from);
        int len = to - from;
        boolean shellCharacter = false;
        boolean backslash = false;
        boolean closingPercent = false;
        int digits = 0;
        int dots = 0;
        for (int i = from; i < to; i++) {
            switch (s.charAt(i)) {
                case '/', '=', '*' -> shellCharacter = true;
                case '\\' -> backslash = true;
                case '%' -> closingPercent |= i > from + 1;
                case '.' -> dots++;
                default -> digits += Character.isDigit(s.charAt(i)) ? 1 : 0;
            }
        }
        boolean address = dots == 3 && digits + dots == len;
        if (shellCharacter || address || isFlag(s, from, to) || c == '~' || c == '>' || c == '<' || c == '$'
                || c == '|' || c == '{' || (c == '.' && len >= 2 && s.charAt(from + 1) == '.')) {
            shellArguments++;
        } else if (isWindowsArgument(s, from, to, backslash, closingPercent)) {
            shellArguments++;
            windowsArgument = true;
        } else if (digits == len) {
            numbers++;
        } else if (isPlainWord(s, from, to)) {
            plainArguments++;
            if (FUNCTION_WORDS.lookup(s, from, plainEnd(s, from, to)) != 0) {
                functionWords++;
            }
        }
        if (c == '%' || (len >= 2 && s.charAt(from + 1) == ':' && Character.isLetter(c))) {
            windowsArgument = true;
        }
    }
}
