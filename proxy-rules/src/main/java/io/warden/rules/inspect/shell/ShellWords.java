package io.warden.rules.inspect.shell;

/**
 * What one shell word is and how a shell reads it: where words end ({@code $IFS}, redirections),
 * flags, plain and function words, assignments, variables, and the normal form a shell runs
 * after removing quotes, backslashes and empty expansions.
 */
final class ShellWords {

    private ShellWords() {
    }

    /**
     * {@code -l}, {@code -la}, {@code --version}, {@code -name}, {@code -ExecutionPolicy}; not
     * {@code -MINI} or {@code -DIGITAL} (search syntax) and not a dash in prose.
     */
    static boolean isFlag(String s, int from, int to) {
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
    static boolean isWindowsArgument(String s, int from, int to, boolean backslash, boolean closingPercent) {
        return (backslash && to - from >= 3) || (s.charAt(from) == '%' && closingPercent);
    }

    static int plainEnd(String s, int from, int to) {
        int end = to;
        while (end > from && isTrailingPunctuation(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** The punctuation prose puts after a word: , . ? ! : ; " ' ) (a switch: this runs for every word). */
    private static boolean isTrailingPunctuation(char c) {
        return switch (c) {
            case ',', '.', '?', '!', ':', ';', '"', '\'', ')' -> true;
            default -> false;
        };
    }

    /** The punctuation prose puts before a word: " ' ( */
    private static boolean isLeadingPunctuation(char c) {
        return c == '"' || c == '\'' || c == '(';
    }

    static final io.warden.rules.inspect.WordTable FUNCTION_WORDS = functionWords();

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

    static boolean isPlainWord(String s, int from, int to) {
        int end = plainEnd(s, from, to);
        int start = from;
        while (start < end && isLeadingPunctuation(s.charAt(start))) {
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

    /**
     * Removes what a shell removes before running a word: quotes, backslashes, empty expansions,
     * one-character bracket globs.
     */
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
            if (c == '[' && i + 2 < to && s.charAt(i + 2) == ']') {
                // A one-character bracket glob matches only that character: adduse[r] is adduser.
                out.append(Character.toLowerCase(s.charAt(i + 1)));
                i += 3;
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
    static boolean isObfuscated(String s, int from, int to) {
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

    static boolean isAssignment(String s, int from, int to) {
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

    static boolean isAssignmentOperator(String s, int from, int to) {
        int len = to - from;
        char c = s.charAt(from);
        return (len == 1 && c == '=') || (len == 2 && s.charAt(from + 1) == '=' && "+-*/:|&".indexOf(c) >= 0);
    }

    /**
     * {@code $a}, {@code ${x}} as the first word: usually empty, so the next word is the command
     * ({@code ;$u wget x}).
     */
    static boolean isBareVariable(String s, int from, int to) {
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

    static boolean isOpener(String s, int from, int to) {
        if (to - from != 1) {
            return false;
        }
        char c = s.charAt(from);
        return c == '(' || c == '{' || c == '!' || c == '"' || c == '\'';
    }

    /** Words end at whitespace, at {@code $IFS}, and around redirections. */
    static int wordEnd(String s, int from, int to) {
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

    static int skipSpace(String s, int from, int to) {
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
    static int kindOfWord(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '.') {
                return ShellCommands.kind(normalise(s, from, to));
            }
        }
        return ShellCommands.kind(s, from, to);
    }

    static boolean contains(String s, int from, int to, String needle) {
        return indexOf(s, from, to, needle) >= 0;
    }

    /** {@code needle}'s index within {@code s[from, to)}, or -1; never reads past {@code to}. */
    static int indexOf(String s, int from, int to, String needle) {
        for (int i = from, last = to - needle.length(); i <= last; i++) {
            if (s.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }
}
