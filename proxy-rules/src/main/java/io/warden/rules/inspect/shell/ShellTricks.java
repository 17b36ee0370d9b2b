package io.warden.rules.inspect.shell;

import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.Texts;
import io.warden.rules.inspect.normalize.Symbols;

/**
 * Shell constructs that need no command lexicon to recognise: Shellshock's function prefix
 * {@code () { :;};}, fork bombs ({@code :(){ :|:& };:}), {@code $IFS} word splitting, globbed
 * absolute paths ({@code /???/c?t /e??/p?sswd}), server-side includes ({@code <!--#exec}) and
 * code-execution calls of server languages ({@code system('id')}, {@code <?php}).
 */
final class ShellTricks {

    private static final String[] EXEC_CALLS = {"system", "exec", "passthru", "shell_exec", "popen", "proc_open",
        "pcntl_exec", "assert", "create_function", "preg_replace", "os.system", "os.popen", "subprocess",
        "runtime.getruntime", "__import__", "eval"};
    /** Server-language calls whose only use in a parameter is to fingerprint the interpreter. */
    private static final String[] PROBE_CALLS = {"phpinfo", "phpversion", "php_uname", "getcwd", "get_current_user"};

    private static final long GLOBS = Symbols.of("?[*");

    private ShellTricks() {
    }

    /** Scans {@code s}, whose {@link Symbols} census is {@code symbols}. */
    static void scan(String s, long symbols, CommandInjectionDetector.Scores scores) {
        // Each marker below is searched for only when the census holds its one-character mark.
        boolean paren = Symbols.mayHold(symbols, '(');
        boolean dollar = Symbols.mayHold(symbols, '$');
        int shellshock = paren ? s.indexOf("() {") : -1;
        if (shellshock < 0 && paren) {
            shellshock = s.indexOf("(){");
        }
        if (shellshock >= 0) {
            functionDefinition(s, shellshock, scores);
        }
        // $IFS and ${IFS}: without a '$' no occurrence can count.
        for (int ifs = dollar ? s.indexOf("IFS") : -1; ifs > 0; ifs = s.indexOf("IFS", ifs + 3)) {
            if (s.charAt(ifs - 1) == '$' || (s.charAt(ifs - 1) == '{' && ifs > 1 && s.charAt(ifs - 2) == '$')) {
                scores.raise(Rule.CMDI_EVASION, 10, ifs - 1);
                break;
            }
        }
        if (Symbols.mayHold(symbols, '<')) {
            if (Texts.indexOfIgnoreCase(s, "<!--#exec") >= 0 || Texts.indexOfIgnoreCase(s, "<!--#include") >= 0) {
                scores.raise(Rule.CMDI_COMMAND, 10, 0);
            }
            if (Texts.indexOfIgnoreCase(s, "<?php") >= 0) {
                scores.raise(Rule.CMDI_COMMAND, 8, 0);
            }
        }
        if (dollar && s.contains("${@")) {
            scores.raise(Rule.CMDI_COMMAND, 8, 0);
        }
        if (paren) {
            execCalls(s, scores);
        }
        if (Symbols.mayHold(symbols, '/')) {
            globbedPaths(s, symbols, scores);
            if (s.contains("/dev/tcp/") || s.contains("/dev/udp/") || socketPath(s)) {
                scores.raise(Rule.CMDI_COMMAND, 10, 0);
            }
        }
        String clean = Deobfuscation.clean(s, symbols);
        if (clean != s && io.warden.rules.inspect.path.SensitivePaths.named(clean)) {
            scores.raise(Rule.CMDI_EVASION, 10, 0);
        }
    }

    /**
     * {@code () { ... }} at a value's start is Shellshock; {@code name(){ ... }} whose body pipes
     * or backgrounds is a fork bomb. A function in pasted C or JavaScript does neither.
     */
    private static void functionDefinition(String s, int at, CommandInjectionDetector.Scores scores) {
        int open = s.indexOf('{', at);
        int close = s.indexOf('}', open);
        if (close < 0) {
            close = s.length();
        }
        String before = s.substring(0, at).trim();
        if (before.isEmpty() || before.endsWith("=") || before.endsWith(":")) {
            scores.raise(Rule.CMDI_COMMAND, 10, at);
            return;
        }
        for (int i = open; i < close; i++) {
            char c = s.charAt(i);
            if (c == '|' || c == '&') {
                scores.raise(Rule.CMDI_COMMAND, 10, at);
                return;
            }
        }
    }

    /** {@code system('...')}, {@code os.system("...")}: a call whose argument is a string or variable. */
    private static void execCalls(String s, CommandInjectionDetector.Scores scores) {
        int paren = s.indexOf('(');
        while (paren > 0) {
            int nameEnd = paren;
            while (nameEnd > 0 && s.charAt(nameEnd - 1) == ' ') {
                nameEnd--;
            }
            int nameStart = nameEnd;
            while (nameStart > 0 && nameEnd - nameStart < 24
                    && (Character.isLetterOrDigit(s.charAt(nameStart - 1)) || s.charAt(nameStart - 1) == '_'
                    || s.charAt(nameStart - 1) == '.')) {
                nameStart--;
            }
            int arg = paren + 1;
            while (arg < s.length() && s.charAt(arg) == ' ') {
                arg++;
            }
            boolean stringArgument = arg < s.length() && (s.charAt(arg) == '\'' || s.charAt(arg) == '"'
                    || s.charAt(arg) == '$' || s.charAt(arg) == '`');
            if (stringArgument && isExecCall(s, nameStart, nameEnd, EXEC_CALLS)) {
                scores.raise(Rule.CMDI_COMMAND, 8, nameStart);
                return;
            }
            if (arg < s.length() && s.charAt(arg) == ')' && isExecCall(s, nameStart, nameEnd, PROBE_CALLS)) {
                scores.raise(Rule.CMDI_COMMAND, 8, nameStart);
                return;
            }
            paren = s.indexOf('(', paren + 1);
        }
    }

    private static boolean isExecCall(String s, int from, int to, String[] names) {
        for (String name : names) {
            if (to - from >= name.length() && s.regionMatches(true, to - name.length(), name, 0, name.length())
                    && (to - name.length() == from || !Character.isLetterOrDigit(s.charAt(to - name.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** An absolute path whose segments hide letters behind globs: {@code /e??/p?sswd}, {@code /etc/pa[s]swd}. */
    private static void globbedPaths(String s, long symbols, CommandInjectionDetector.Scores scores) {
        if ((symbols & GLOBS) == 0) {
            return;
        }
        int slash = s.indexOf('/');
        while (slash >= 0) {
            int segments = 0;
            int globbed = 0;
            int i = slash;
            while (i < s.length() && s.charAt(i) == '/') {
                int start = ++i;
                boolean glob = false;
                boolean query = false;
                while (i < s.length() && s.charAt(i) != '/' && s.charAt(i) > ' ') {
                    char c = s.charAt(i);
                    glob |= (c == '?' || c == '[' || c == '*') && i + 1 < s.length() && s.charAt(i + 1) > ' ';
                    query |= c == '=' || c == '&' || c == '#' || c == '"';
                    i++;
                }
                if (i > start) {
                    segments++;
                    if (glob && !query) {
                        globbed++;
                    }
                }
            }
            if (segments >= 2 && globbed >= 1) {
                scores.raise(Rule.CMDI_EVASION, globbed >= 2 ? 9 : 7, slash);
                return;
            }
            slash = s.indexOf('/', Math.max(i, slash + 1));
        }
    }

    /** {@code /tcp/10.0.0.1/4444}: bash's network redirection, however its /dev prefix is spelled. */
    private static boolean socketPath(String s) {
        for (int at = s.indexOf("/tcp/"); at >= 0; at = s.indexOf("/tcp/", at + 1)) {
            int i = at + 5;
            int dots = 0;
            int digits = 0;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                if (s.charAt(i) == '.') {
                    dots++;
                } else {
                    digits++;
                }
                i++;
            }
            if (dots == 3 && digits >= 4 && i < s.length() && s.charAt(i) == '/') {
                return true;
            }
        }
        return false;
    }
}
