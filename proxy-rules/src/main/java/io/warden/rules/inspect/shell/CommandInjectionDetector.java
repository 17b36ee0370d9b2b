package io.warden.rules.inspect.shell;

import io.warden.rules.inspect.Detector;
import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.ValueKind;
import io.warden.rules.inspect.normalize.NormalizedValue;
import io.warden.rules.inspect.normalize.Symbols;

/**
 * OS command injection: a command reached through a separator or a substitution, a value that
 * is itself a command line, Windows batch syntax, and the classic shell tricks (Shellshock,
 * fork bombs, {@code ${IFS}}, quote splitting). The text is split like a shell would
 * ({@link ShellLine}) and each simple command judged by its name ({@link ShellCommands}) and the
 * shape of its arguments ({@link SimpleCommand}): "cat /etc/passwd" and "; id" are commands,
 * "find flights to Boston" and a markdown table's "| Price |" are not.
 */
public final class CommandInjectionDetector implements Detector {

    /** Characters every {@link ShellTricks} construct needs one of. */
    private static final long TRICK_MARKS = Symbols.of("($</\\'\"`");
    private static final long DOLLAR = Symbols.of("$");
    /** What {@link MailProtocol} needs one of: a line break, or a backslash that writes one. */
    private static final long MAIL_MARKS = Symbols.LINE_BREAK | Symbols.of("\\");
    /** Anything but letters, digits and {@code - . _}: a value without it is one plain word. */
    private static final long BEYOND_WORD = Symbols.ALL & ~Symbols.DIGIT & ~Symbols.of("-._");

    @Override
    public void inspect(NormalizedValue value, ValueKind kind, FindingSink sink) {
        String s = value.markup();
        if (s.isEmpty()) {
            return;
        }
        Scores scores = new Scores(s);
        // A URL path names a resource, and /api/whoami is no program run: in a path, words are
        // commands only where shell syntax (a separator, a substitution) makes them one.
        boolean resourcePath = kind == ValueKind.PATH;
        if (!value.holdsAny(BEYOND_WORD)) {
            // One plain word (an id, "whoami"): only its name can make it a command.
            if (!resourcePath) {
                judge(s, 0, s.length(), ShellLine.Position.START, scores);
            }
            scores.report(s, sink);
            return;
        }
        if (value.holdsAny(TRICK_MARKS)) {
            ShellTricks.scan(s, value.symbols(), scores);
        }
        WindowsBatch.scan(s, scores);
        if (value.holdsAny(MAIL_MARKS)) {
            MailProtocol.scan(s, scores);
        }
        if (onlyLineBreaks(value.raw())) {
            scores.raise(Rule.CMDI_CHAIN, 7, 0);
        }
        if (ShellLine.hasSyntax(s, value.symbols())) {
            ShellLine.split(s, value.symbols(), (text, from, to, position) -> {
                if (!resourcePath || position != ShellLine.Position.START) {
                    judge(text, from, to, position, scores);
                }
            });
        } else if (!resourcePath) {
            judge(s, 0, s.length(), ShellLine.Position.START, scores);
        }
        if (value.holdsAny(DOLLAR)) {
            hiddenInVariables(s, scores);
        }
        scores.report(s, sink);
    }

    /**
     * A command that appears only once the value's own variables are expanded
     * ({@code a=c;b=at;$a$b /etc/passwd}) was split up to hide it: evasion.
     */
    private static void hiddenInVariables(String s, Scores scores) {
        String expanded = VariableExpansion.expand(s);
        if (expanded == s) {
            return;
        }
        Scores hidden = new Scores(expanded);
        ShellLine.split(expanded, (text, from, to, position) -> judge(text, from, to, position, hidden));
        if (hidden.best() > scores.best()) {
            scores.raise(Rule.CMDI_EVASION, hidden.best(), 0);
        }
    }

    /**
     * A value of nothing but line breaks, sent encoded ({@code %0a}, {@code \r\n}): the probe for
     * whether a line break reaches a shell or a protocol.
     */
    private static boolean onlyLineBreaks(String raw) {
        if (raw.isEmpty() || raw.length() > 16) {
            return false;
        }
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\n' || c == '\r') {
                i++;
            } else if (c == '%' && i + 2 < raw.length() && raw.charAt(i + 1) == '0'
                    && "aAdD".indexOf(raw.charAt(i + 2)) >= 0) {
                i += 3;
            } else if (c == '\\' && i + 1 < raw.length() && (raw.charAt(i + 1) == 'n' || raw.charAt(i + 1) == 'r')) {
                i += 2;
            } else {
                return false;
            }
        }
        return true;
    }

    private static void judge(String s, int from, int to, ShellLine.Position position, Scores scores) {
        boolean scan = position != ShellLine.Position.START;
        if (scan ? !SimpleCommand.anyWordMatters(s, from, to) : !SimpleCommand.commandWordMatters(s, from, to)) {
            return;
        }
        SimpleCommand command = SimpleCommand.read(s, from, to, scan);
        int kind = kindOf(command);
        if (command.variableShell) {
            scores.raise(Rule.CMDI_COMMAND, 8, from);
        }
        if (command.programPath && kind != ShellCommands.PREFIX && !command.name.isEmpty()) {
            // Naming the program's directory (/usr/bin/cat, bin/ansible) is no English usage of the word.
            kind = ShellCommands.DISTINCT;
        }
        if (command.name.equals("net") && NET_SUBCOMMANDS.contains(command.firstArgument)) {
            kind = ShellCommands.DISTINCT;
        }
        if (kind == ShellCommands.PREFIX && !command.name.isEmpty()) {
            command = SimpleCommand.afterPrefix(s, from, to, scan);
            int next = kindOf(command);
            kind = next == 0 && !command.name.isEmpty() ? ShellCommands.WORDLIKE : next == 0 ? 0 : ShellCommands.DISTINCT;
        }
        if (!command.alternatives.isEmpty() && kind != 0) {
            scores.raise(Rule.CMDI_EVASION, 10, command.at);
        }
        if (command.commandArgument && position == ShellLine.Position.SEPARATOR && !scores.startIsProse()) {
            scores.raise(Rule.CMDI_CHAIN, 8, command.at);
        }
        if (command.name.isEmpty() || command.assignsWithSpaces) {
            return;
        }
        if (command.obfuscated && (kind == ShellCommands.DISTINCT || (kind != 0 && command.shellArguments > 0))) {
            scores.raise(Rule.CMDI_EVASION, 10, command.at);
        }
        int score = score(command, kind, position, scores);
        Rule rule = switch (position) {
            case SUBSTITUTION, BACKTICK -> Rule.CMDI_SUBSTITUTION;
            case SEPARATOR -> Rule.CMDI_CHAIN;
            default -> command.windowsArgument ? Rule.CMDI_WINDOWS : Rule.CMDI_COMMAND;
        };
        boolean embedded = position == ShellLine.Position.BACKTICK || position == ShellLine.Position.SEPARATOR;
        if (embedded && score > 0 && scores.startIsProse()) {
            score = score < 10 ? score / 2 : 5;
        }
        scores.raise(rule, score, command.at);
    }

    /** The command's kind, counting every word its brace expansion yields. */
    private static int kindOf(SimpleCommand command) {
        int kind = ShellCommands.kind(command.name);
        for (String alternative : command.alternatives) {
            int k = ShellCommands.kind(alternative);
            if (k == ShellCommands.DISTINCT || (k != 0 && kind == 0)) {
                kind = k;
            }
        }
        return kind;
    }

    private static int score(SimpleCommand c, int kind, ShellLine.Position position, Scores scores) {
        boolean shellish = c.shellArguments > 0;
        boolean alone = c.shellArguments == 0 && c.plainArguments == 0 && c.numbers == 0;
        boolean prose = !shellish && (c.functionWords >= 2 || (c.functionWords == 1 && c.plainArguments >= 3));
        switch (position) {
            case SUBSTITUTION, BACKTICK -> {
                if (kind != 0) {
                    return prose ? 4 : 10;
                }
                return shellish && !prose && c.programLike && position == ShellLine.Position.SUBSTITUTION ? 6 : 0;
            }
            case SEPARATOR -> {
                if (kind == ShellCommands.DISTINCT) {
                    return prose ? 5 : 10;
                }
                if (kind != 0) {
                    if (shellish) {
                        return 9;
                    }
                    if (alone) {
                        return c.name.length() <= 4 ? 8 : 5;
                    }
                    return c.numbers > 0 && c.plainArguments == 0 ? 7 : 3;
                }
                return shellish && !prose && c.programLike ? 5 : 0;
            }
            default -> {
                if (kind == ShellCommands.DISTINCT) {
                    return shellish ? 10 : prose ? 3 : 8;
                }
                if (kind == ShellCommands.WORDLIKE) {
                    if (shellish && (c.plainArguments <= c.shellArguments + 1 || c.functionWords == 0)) {
                        return 8;
                    }
                    int argument = ShellCommands.kind(c.firstArgument);
                    if (argument != 0 && argument != ShellCommands.PREFIX && c.functionWords == 0
                            && c.plainArguments <= 2 && isLocator(c.name)) {
                        return 8;
                    }
                    if (argument == ShellCommands.DISTINCT && c.plainArguments <= 2 && c.functionWords == 0) {
                        return 8;
                    }
                    if (c.numbers == 1 && c.plainArguments == 0 && c.shellArguments == 0 && isProbe(c.name)) {
                        return 7;
                    }
                    return alone ? 3 : c.numbers > 0 && c.plainArguments == 0 ? 5 : 0;
                }
                return 0;
            }
        }
    }

    /** Windows {@code net} sub-commands: {@code net user}, {@code net view}, {@code net localgroup}. */
    private static final java.util.Set<String> NET_SUBCOMMANDS = java.util.Set.of("user", "users", "view",
            "localgroup", "group", "share", "use", "start", "stop", "accounts", "session", "config", "time");

    /** {@code which nc}, {@code whereis perl}: looking for a tool is reconnaissance. */
    private static boolean isLocator(String name) {
        return name.equals("which") || name.equals("whereis") || name.equals("type");
    }

    /** {@code sleep 5}, {@code ping 10}: the timing probe of blind command injection. */
    private static boolean isProbe(String name) {
        return name.equals("sleep") || name.equals("ping") || name.equals("timeout");
    }

    /** The best score per rule for one value, and what the first command said about the rest. */
    static final class Scores {
        private final String text;
        private static final int MAX_RULES = 8;
        private Rule[] rules;
        private int[] values;
        private int[] where;
        private int count;
        private int startIsProse = -1;

        Scores(String text) {
            this.text = text;
        }

        /**
         * Whether the value's first simple command reads as a sentence: then commands after a
         * separator or in backticks are text about commands ("run `npm install` to ..."). Read
         * only when a later command needs the answer.
         */
        boolean startIsProse() {
            if (startIsProse < 0) {
                SimpleCommand first = SimpleCommand.read(text, 0, ShellLine.firstCommandEnd(text));
                startIsProse = first.plainArguments >= 3 && first.shellArguments == 0
                        && ShellCommands.kind(first.name) == 0 ? 1 : 0;
            }
            return startIsProse == 1;
        }

        void raise(Rule rule, int score, int at) {
            if (score <= 0) {
                return;
            }
            if (rules == null) {
                rules = new Rule[MAX_RULES];
                values = new int[MAX_RULES];
                where = new int[MAX_RULES];
            }
            for (int i = 0; i < count; i++) {
                if (rules[i] == rule) {
                    if (score > values[i]) {
                        values[i] = score;
                        where[i] = at;
                    }
                    return;
                }
            }
            if (count < MAX_RULES) {
                rules[count] = rule;
                values[count] = score;
                where[count] = at;
                count++;
            }
        }

        /** The highest score raised for any rule, 0 when none. */
        int best() {
            int best = 0;
            for (int i = 0; i < count; i++) {
                best = Math.max(best, values[i]);
            }
            return best;
        }

        void report(String s, FindingSink sink) {
            for (int i = 0; i < count; i++) {
                sink.report(rules[i], values[i], s, where[i]);
            }
        }
    }
}
