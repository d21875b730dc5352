package org.perceptrix.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.perceptrix.data.DataLoader;
import org.perceptrix.graph.GraphAnalysis;
import org.perceptrix.graph.ShapeInference;
import org.perceptrix.project.Project;
import org.perceptrix.project.ProjectTraining;
import org.perceptrix.train.GridSearch;
import org.perceptrix.train.SearchEvent;
import org.perceptrix.train.SearchGrid;
import org.perceptrix.train.SearchResult;
import org.perceptrix.train.TrainingJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code search PROJECT --grid …}: a grid search with hold-out or k-fold cross-validation, one row per setting. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Train the project's network once per combination of settings (and per fold) and compare "
                + "their mean validation accuracy (or loss, for networks that do not classify).")
final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "a project file (.json)")
    Path projectFile;

    @Option(names = "--grid", required = true, paramLabel = "GRID",
            description = "values to try, e.g. \"lr=0.001,0.01;batch=32,64\" (settings: lr, batch, epochs, dropout, "
                    + "l2, l1, momentum, decay)")
    String grid;

    @Option(names = "--folds", paramLabel = "K",
            description = "K-fold cross-validation (K ≥ 2); without it, validate on the project's validation split")
    Integer folds;

    @Option(names = "--limit", paramLabel = "N", description = "use only the first N training examples (quick runs)")
    Integer limit;

    @Option(names = "--epochs", paramLabel = "N", description = "train for N epochs unless the grid varies epochs")
    Integer epochs;

    @Option(names = "--json", description = "one JSON line per setting and a last line with the best")
    boolean json;

    @Override
    public Integer call() {
        ProjectArgs.atLeast("--folds", folds, 2);
        ProjectArgs.atLeast("--limit", limit, 1);
        ProjectArgs.atLeast("--epochs", epochs, 1);
        SearchGrid searchGrid;
        try {
            searchGrid = SearchGrid.parse(grid);
        } catch (IllegalArgumentException e) {
            throw new Cli.UserError("--grid: " + e.getMessage());
        }
        Project project = ProjectArgs.read(projectFile);
        DataLoader.LoadedData data = ProjectArgs.data(project, projectFile);
        GraphAnalysis analysis = ShapeInference.analyze(project.graph(), data.train().signature(project.data().target()));
        if (!analysis.isValid()) {
            throw new Cli.UserError(projectFile.getFileName() + ": the network is invalid: "
                    + analysis.errors().get(0).message() + " (run 'validate' to see every problem)");
        }
        TrainingJob job = ProjectTraining.job(project, data, new ProjectTraining.Options(
                epochs == null ? OptionalInt.empty() : OptionalInt.of(epochs),
                limit == null ? OptionalInt.empty() : OptionalInt.of(limit), Optional.empty()));
        GridSearch search;
        try {
            search = new GridSearch(job, searchGrid, folds == null ? GridSearch.HOLD_OUT : folds, this::progress);
        } catch (IllegalArgumentException e) {
            throw new Cli.UserError(projectFile.getFileName() + ": " + e.getMessage());
        }
        SearchResult result = search.run();
        if (result.best().isEmpty()) {
            throw new Cli.UserError("no setting trained successfully: " + result.firstFailure());
        }
        if (json) printJson(result);
        else printTable(result, job.examples().size());
        return 0;
    }

    private void progress(SearchEvent event) {
        if (event instanceof SearchEvent.FoldEnded e) {
            PrintWriter err = spec.commandLine().getErr();
            SearchResult.FoldResult f = e.result();
            String outcome = f.succeeded() ? String.format("%.4f", f.metric()) : "failed: " + f.message();
            err.printf("setting %d, fold %d: %s%n", e.setting() + 1, f.fold() + 1, outcome);
            err.flush();
        } else if (event instanceof SearchEvent.FoldStarted s && s.fold() == 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("setting %d/%d: %s%n", s.setting() + 1, s.settings(), SearchGrid.describe(s.values()));
            err.flush();
        }
    }

    private void printJson(SearchResult result) {
        PrintWriter out = spec.commandLine().getOut();
        for (SearchResult.SettingResult s : result.settings()) {
            ObjectNode o = JsonLines.object();
            o.set("setting", values(s.values()));
            ArrayNode foldValues = o.putArray("folds");
            for (SearchResult.FoldResult f : s.folds()) {
                if (f.succeeded()) foldValues.add(f.metric());
                else foldValues.addNull();
            }
            JsonLines.put(o, "mean", s.mean());
            JsonLines.put(o, "std", s.std());
            JsonLines.print(out, o);
        }
        SearchResult.SettingResult best = result.best().orElseThrow();
        ObjectNode last = JsonLines.object();
        last.set("best", values(best.values()));
        JsonLines.put(last, "mean", best.mean());
        JsonLines.put(last, "std", best.std());
        last.put("metric", result.metric().id());
        JsonLines.print(out, last);
    }

    private static ObjectNode values(Map<String, Double> values) {
        ObjectNode o = JsonLines.object();
        values.forEach((k, v) -> {
            if (SearchGrid.isWhole(k)) o.put(k, v.longValue());
            else o.put(k, v);
        });
        return o;
    }

    private void printTable(SearchResult result, int examples) {
        PrintWriter out = spec.commandLine().getOut();
        boolean accuracy = result.metric() == SearchResult.Metric.ACCURACY;
        String validation = result.folds() == GridSearch.HOLD_OUT ? "hold-out validation"
                : result.folds() + "-fold cross-validation";
        out.printf("grid search: %d settings, %s on %d examples, validation %s (%s is better)%n%n",
                result.settings().size(), validation, examples, result.metric().id(), accuracy ? "higher" : "lower");
        List<String> names = new ArrayList<>(result.settings().get(0).values().keySet());
        List<String> header = new ArrayList<>(names);
        for (int f = 0; f < result.folds(); f++) header.add(result.folds() == 1 ? "validation" : "fold " + (f + 1));
        header.add("mean ± std");
        List<List<String>> rows = new ArrayList<>();
        for (SearchResult.SettingResult s : result.settings()) {
            List<String> row = new ArrayList<>();
            for (String n : names) row.add(SearchGrid.format(n, s.values().get(n)));
            for (SearchResult.FoldResult f : s.folds()) row.add(f.succeeded() ? metric(f.metric(), accuracy) : "failed");
            row.add(s.succeeded() ? metric(s.mean(), accuracy) + " ± " + metric(s.std(), accuracy) : "-");
            rows.add(row);
        }
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) width[c] = Math.max(width[c], row.get(c).length());
        }
        out.println("  " + line(header, width));
        for (int i = 0; i < rows.size(); i++) {
            out.println((result.isBest(result.settings().get(i)) ? "* " : "  ") + line(rows.get(i), width));
        }
        SearchResult.SettingResult best = result.best().orElseThrow();
        out.printf("%nbest: %s (validation %s %s ± %s)%n", SearchGrid.describe(best.values()), result.metric().id(),
                metric(best.mean(), accuracy), metric(best.std(), accuracy));
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) b.append("  ");
            b.append(String.format("%-" + width[c] + "s", cells.get(c)));
        }
        return b.toString().stripTrailing();
    }

    private static String metric(double v, boolean accuracy) {
        return accuracy ? String.format("%.2f%%", 100 * v) : String.format("%.4f", v);
    }
}
