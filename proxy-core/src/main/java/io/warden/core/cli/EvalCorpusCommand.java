package io.warden.core.cli;

import io.warden.rules.inspect.Excerpts;
import io.warden.rules.inspect.InspectionEngine;
import io.warden.rules.inspect.InspectionSettings;
import io.warden.rules.inspect.eval.ClassResult;
import io.warden.rules.inspect.eval.CorpusEvaluation;
import io.warden.rules.inspect.eval.Placement;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Measures the injection detection on a labelled corpus: every {@code <class>.txt} in the
 * directory is a set of attacks of that class, {@code benign.txt} a set that must pass; each line
 * is sent as a query parameter, a JSON field and a form field. Prints a markdown table.
 */
@Command(name = "eval-corpus", mixinStandardHelpOptions = true,
        description = "Measure injection detection and false alarms on a labelled corpus.")
public final class EvalCorpusCommand implements Callable<Integer> {

    private static final String BENIGN = "benign";

    @Parameters(index = "0", arity = "0..1", defaultValue = "../shared/corpus/dev",
            description = "Corpus directory holding <class>.txt files, one payload per line (default: ${DEFAULT-VALUE}).")
    Path corpus;

    @Option(names = "--handwritten", defaultValue = "../shared/corpus/src/realestate-chat-handwritten.txt",
            description = "Benign hand-written chat reported as its own row; skipped when absent (default: ${DEFAULT-VALUE}).")
    Path handwritten;

    @Option(names = "--paranoia", description = "Paranoia level 1-4 (default: the configured default).")
    Integer paranoia;

    @Option(names = "--misses", defaultValue = "0",
            description = "Also list up to this many missed attacks / flagged benign lines per set (JSON placement).")
    int misses;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(corpus)) {
            err.println("corpus directory not found: " + corpus.toAbsolutePath().normalize());
            return 2;
        }
        InspectionSettings settings = InspectionSettings.defaults();
        if (paranoia != null) {
            if (paranoia < 1 || paranoia > 4) {
                err.println("--paranoia must be 1-4");
                return 2;
            }
            settings = settings.withParanoia(paranoia);
        }
        CorpusEvaluation evaluation = new CorpusEvaluation(InspectionEngine.standard(), settings);
        List<ClassResult> results = new ArrayList<>();
        for (Path file : classFiles(corpus)) {
            String label = file.getFileName().toString().replaceFirst("\\.txt$", "");
            results.add(evaluation.evaluate(label, !label.equals(BENIGN), lines(file)));
        }
        if (Files.isRegularFile(handwritten)) {
            results.add(evaluation.evaluate("realestate-chat (hand-written)", false, lines(handwritten)));
        }
        out.println("Corpus: " + corpus.toAbsolutePath().normalize() + ", paranoia " + settings.paranoia()
                + " (block threshold " + settings.threshold() + ")");
        out.println();
        out.print(CorpusEvaluation.markdown(results));
        if (misses > 0) {
            printMisses(out, results);
        }
        out.flush();
        return 0;
    }

    /** The attack classes in name order with benign last, so tables line up run after run. */
    private static List<Path> classFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".txt") && Files.isRegularFile(f))
                    .sorted((a, b) -> {
                        boolean aBenign = a.getFileName().toString().equals(BENIGN + ".txt");
                        boolean bBenign = b.getFileName().toString().equals(BENIGN + ".txt");
                        return aBenign != bBenign ? Boolean.compare(aBenign, bBenign) : a.compareTo(b);
                    })
                    .toList();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
    }

    private void printMisses(PrintWriter out, List<ClassResult> results) {
        for (ClassResult r : results) {
            List<String> wrong = r.surprises().get(Placement.JSON);
            if (wrong.isEmpty()) {
                continue;
            }
            out.println();
            out.println("### " + r.label() + ": " + (r.attack() ? "missed" : "flagged") + " (" + wrong.size() + ")");
            for (String line : wrong.subList(0, Math.min(misses, wrong.size()))) {
                out.println("- `" + Excerpts.name(line, 120).replace("`", "\\x60") + "`");
            }
        }
    }

    /** Runs the command on its own until it is registered as a subcommand of the warden launcher. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new EvalCorpusCommand()).execute(args));
    }
}
