package io.warden.rules.inspect.shell;

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

    /**
     * {@code -l}, {@code -la}, {@code --version}, {@code -name}, {@code -ExecutionPolicy}; not
     * {@code -MINI} or {@code -DIGITAL} (search syntax) and not a dash in prose.
     */
    private static boolean isFlag(String s, int from, int to) {
        if (to - from < 2 || s.charAt(from) != '-') {
            return false;
        }
        int start = s.charAt(from + 1) == '-' ? from + 2 : from + 1;
        if (start >= to || !Character.isLetter(s.charAt(start))) {
            return false;
        }
        int upper = 0;
        for (int i = start; i < to; i++) {
            if (Character.isUpperCase(s.charAt(i))) {
                upper++;
            }
        }
        return to - start <= 2 || upper < to - start;
    }

    /** {@code C:\x}, {@code %SystemRoot%}, {@code HKLM\...}. */
    private static boolean isWindowsArgument(String s, int from, int to, boolean backslash, boolean closingPercent) {
        return (backslash && to - from >= 3) || (s.charAt(from) == '%' && closingPercent);
    }

    private static int plainEnd(String s, int from, int to) {
        int end = to;
        while (end > from && ",.?!:;\"')".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    private static final io.warden.rules.inspect.WordTable FUNCTION_WORDS = functionWords();

    private static io.warden.rules.inspect.WordTable functionWords() {
        java.util.Map<String, Integer> m = new java.util.HashMap<>();
        for (String w : new String[] {"the", "a", "an", "to", "of", "in", "on", "at", "for", "from", "with", "my",
            "your", "our", "his", "her", "their", "is", "are", "was", "were", "be", "been", "and", "or", "but",
            "if", "then", "that", "this", "these", "those", "it", "its", "me", "you", "we", "they", "he", "she",
            "i", "do", "does", "did", "can", "could", "should", "would", "will", "how", "what", "when", "where",
            "why", "who", "which", "some", "any", "all", "about", "like", "so", "just", "not", "no", "yes",
            "please", "thanks", "by", "as", "up", "out", "into", "over", "after", "before", "than", "too",
            "very", "there", "here", "have", "has", "had", "get", "got", "want", "need", "know", "tell"}) {
            m.put(w, 1);
        }
        return io.warden.rules.inspect.WordTable.of(m);
    }

    private static boolean isPlainWord(String s, int from, int to) {
        int end = plainEnd(s, from, to);
        int start = from;
        while (start < end && "\"'(".indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        if (start == end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!Character.isLetter(c) && c != '\'' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Removes what a shell removes before running a word: quotes, backslashes, empty expansions. */
    static String normalise(String s, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '$' && i + 1 < to && "@*$-_!?#".indexOf(s.charAt(i + 1)) >= 0) {
                i += 2;
                continue;
            }
            if ((c == '<' || c == '>') && i + 2 < to && s.charAt(i + 1) == '(' && s.charAt(i + 2) == ')') {
                i += 3;
                continue;
            }
            if (c == '$' && i + 1 < to && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\'')) {
                i++;
                continue;
            }
            if (c == '$' && i + 1 < to && s.charAt(i + 1) == '{' && i + 2 < to && s.charAt(i + 2) == '}') {
                i += 3;
                continue;
            }
            if (c == '$' && i + 2 < to && s.charAt(i + 1) == '(' && s.charAt(i + 2) == ')') {
                i += 3;
                continue;
            }
            if (c == '{' || c == '}') {
                i++;
                continue;
            }
            if (c == ',') {
                break;
            }
            if (c != '\'' && c != '"' && c != '\\' && c != '`') {
                out.append(Character.toLowerCase(c));
            }
            i++;
        }
        String word = out.toString();
        int slash = word.lastIndexOf('/');
        if (slash >= 0 && slash < word.length() - 1) {
            word = word.substring(slash + 1);
        }
        int backslash = word.lastIndexOf('\\');
        if (backslash >= 0) {
            word = word.substring(backslash + 1);
        }
        if (word.endsWith(".exe")) {
            word = word.substring(0, word.length() - 4);
        }
        return word;
    }

    /**
     * Whether the command word hides its letters: paired quotes inside it ({@code w'h'o'am'i}),
     * a backslash or an empty expansion between letters ({@code c\at}, {@code c$@at}), a glob
     * ({@code /bin/c?t}). A lone apostrophe ("I'd") is English.
     */
    private static boolean isObfuscated(String s, int from, int to) {
        int letters = 0;
        int singles = 0;
        int doubles = 0;
        boolean tricks = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            } else if (c == '\'') {
                singles++;
            } else if (c == '"') {
                doubles++;
            } else if ((c == '\\' || c == '`' || c == '$' || c == '?' || c == '[') && letters > 0 && i + 1 < to) {
                tricks = true;
            }
        }
        boolean pairedQuotes = (singles > 0 && singles % 2 == 0) || (doubles > 0 && doubles % 2 == 0);
        return (tricks || pairedQuotes) && letters >= 2;
    }

    private static boolean isAssignment(String s, int from, int to) {
        int eq = indexOf(s, from, to, "=");
        if (eq <= from) {
            return false;
        }
        for (int i = from; i < eq; i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAssignmentOperator(String s, int from, int to) {
        int len = to - from;
        char c = s.charAt(from);
        return (len == 1 && c == '=') || (len == 2 && s.charAt(from + 1) == '=' && "+-*/:|&".indexOf(c) >= 0);
    }

    /**
     * {@code $a}, {@code ${x}} as the first word: usually empty, so the next word is the command
     * ({@code ;$u wget x}).
     */
    private static boolean isBareVariable(String s, int from, int to) {
        if (s.charAt(from) != '$' || to - from < 2) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '{' && c != '}') {
                return false;
            }
        }
        return true;
    }

    private static boolean isOpener(String s, int from, int to) {
        if (to - from != 1) {
            return false;
        }
        char c = s.charAt(from);
        return c == '(' || c == '{' || c == '!' || c == '"' || c == '\'';
    }

    /** Words end at whitespace, at {@code $IFS}, and around redirections. */
    private static int wordEnd(String s, int from, int to) {
        int i = from;
        if (s.charAt(i) == '<' || s.charAt(i) == '>') {
            while (i < to && (s.charAt(i) == '<' || s.charAt(i) == '>' || s.charAt(i) == '&')) {
                i++;
            }
            return i;
        }
        while (i < to) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || ((c == '<' || c == '>') && i > from && !s.startsWith("()", i + 1))
                    || (c == '$' && (s.startsWith("$IFS", i) || s.startsWith("${IFS}", i)) && i > from)) {
                return i;
            }
            i++;
        }
        return i;
    }

    private static int skipSpace(String s, int from, int to) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (s.startsWith("${IFS}", i)) {
                i += 6;
            } else if (s.startsWith("$IFS", i)) {
                i += 4;
                if (i + 1 < to && s.charAt(i) == '$' && Character.isDigit(s.charAt(i + 1))) {
                    i += 2;
                }
            } else {
                return i;
            }
        }
        return i;
    }

    /** The command kind of an argument word, normalised only when it holds more than name characters. */
    private static int kindOfWord(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '.') {
                return ShellCommands.kind(normalise(s, from, to));
            }
        }
        return ShellCommands.kind(s, from, to);
    }

    private static boolean contains(String s, int from, int to, String needle) {
        return indexOf(s, from, to, needle) >= 0;
    }

    /** {@code needle}'s index within {@code s[from, to)}, or -1; never reads past {@code to}. */
    private static int indexOf(String s, int from, int to, String needle) {
        for (int i = from, last = to - needle.length(); i <= last; i++) {
            if (s.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }
}
