package io.warden.rules.inspect.shell;

import io.warden.rules.inspect.Detector;
import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.ValueKind;
import io.warden.rules.inspect.normalize.NormalizedValue;

/**
 * OS command injection: a command reached through a separator or a substitution, a value that
 * is itself a command line, Windows batch syntax, and the classic shell tricks (Shellshock,
 * fork bombs, {@code ${IFS}}, quote splitting). The text is split like a shell would
 * ({@link ShellLine}) and each simple command judged by its name ({@link ShellCommands}) and the
 * shape of its arguments ({@link SimpleCommand}): "cat /etc/passwd" and "; id" are commands,
 * "find flights to Boston" and a markdown table's "| Price |" are not.
 */
public final class CommandInjectionDetector implements Detector {

    @Override
    public void inspect(NormalizedValue value, ValueKind kind, FindingSink sink) {
        String s = value.markup();
        if (s.isEmpty()) {
            return;
        }
        Scores scores = new Scores();
        SimpleCommand first = SimpleCommand.read(s, 0, ShellLine.firstCommandEnd(s));
        scores.startIsProse = first.plainArguments >= 3 && first.shellArguments == 0
                && ShellCommands.kind(first.name) == 0;
        ShellTricks.scan(s, scores);
        WindowsBatch.scan(s, scores);
        ShellLine.split(s, (text, from, to, position) -> judge(text, from, to, position, scores));
        scores.report(s, sink);
    }

    private static void judge(String s, int from, int to, ShellLine.Position position, Scores scores) {
        SimpleCommand command = SimpleCommand.read(s, from, to);
        int kind = ShellCommands.kind(command.name);
        if (kind == ShellCommands.PREFIX && !command.name.isEmpty()) {
            command = SimpleCommand.afterPrefix(s, from, to);
            int next = ShellCommands.kind(command.name);
            kind = next == 0 && !command.name.isEmpty() ? ShellCommands.WORDLIKE : next == 0 ? 0 : ShellCommands.DISTINCT;
        }
        if (command.name.isEmpty()) {
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
        if (embedded && scores.startIsProse && score < 10) {
            score /= 2;
        } else if (embedded && scores.startIsProse) {
            score = 5;
        }
        scores.raise(rule, score, command.at);
    }

    private static int score(SimpleCommand c, int kind, ShellLine.Position position, Scores scores) {
        boolean shellish = c.shellArguments > 0;
        boolean alone = c.shellArguments == 0 && c.plainArguments == 0 && c.numbers == 0;
        boolean prose = c.plainArguments >= 3 && !shellish;
        switch (position) {
            case SUBSTITUTION, BACKTICK -> {
                if (kind != 0) {
                    return prose ? 4 : 10;
                }
                return shellish && !prose && position == ShellLine.Position.SUBSTITUTION ? 6 : 0;
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
                return shellish && !prose ? 5 : 0;
            }
            default -> {
                if (kind == ShellCommands.DISTINCT) {
                    return shellish ? 10 : prose ? 3 : c.plainArguments <= 2 ? 8 : 4;
                }
                if (kind == ShellCommands.WORDLIKE) {
                    if (shellish && c.plainArguments <= c.shellArguments + 1) {
                        return 8;
                    }
                    if (ShellCommands.kind(c.firstArgument) == ShellCommands.DISTINCT && c.plainArguments <= 2) {
                        return 8;
                    }
                    return alone ? 3 : c.numbers > 0 && c.plainArguments == 0 ? 5 : 0;
                }
                return 0;
            }
        }
    }

    /** The best score per rule for one value, and what the first command said about the rest. */
    static final class Scores {
        private final Rule[] rules = new Rule[8];
        private final int[] values = new int[8];
        private final int[] where = new int[8];
        private int count;
        boolean startIsProse;

        void raise(Rule rule, int score, int at) {
            if (score <= 0) {
                return;
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
            if (count < rules.length) {
                rules[count] = rule;
                values[count] = score;
                where[count] = at;
                count++;
            }
        }

        void report(String s, FindingSink sink) {
            for (int i = 0; i < count; i++) {
                sink.report(rules[i], values[i], s, where[i]);
            }
        }
    }
}
