package org.perceptrix.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.perceptrix.data.DataLoader;
import org.perceptrix.graph.GraphAnalysis;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.NodeInfo;
import org.perceptrix.graph.Problem;
import org.perceptrix.graph.Shape;
import org.perceptrix.graph.ShapeInference;
import org.perceptrix.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code validate PROJECT}: shapes, parameters and multiply-adds per layer, and every problem. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a project: each layer's output shape, parameters and multiply-adds, and any problems. "
                + "Exit code 0 when valid, 2 when not.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "a project file (.json)")
    Path projectFile;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() {
        Project project = ProjectArgs.read(projectFile);
        DataLoader.LoadedData data = ProjectArgs.data(project, projectFile);
        GraphAnalysis analysis = ShapeInference.analyze(project.graph(), data.train().signature(project.data().target()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) printJson(out, project, analysis);
        else printTable(out, project, analysis);
        return analysis.isValid() ? 0 : Cli.INVALID;
    }

    private static void printTable(PrintWriter out, Project project, GraphAnalysis analysis) {
        out.printf("%-16s %-14s %-16s %14s %16s%n", "layer", "type", "output", "parameters", "multiply-adds");
        for (String id : order(project, analysis)) {
            LayerNode n = project.graph().require(id);
            NodeInfo info = analysis.info(id);
            out.printf("%-16s %-14s %-16s %,14d %,16d%n", n.name(), n.type().id(),
                    info.output().map(Shape::display).orElse("?"), info.parameters(), info.multiplyAdds());
        }
        out.printf("%-48s %,14d %,16d%n", "total", analysis.totalParameters(), analysis.totalMultiplyAdds());
        for (Problem p : analysis.problems()) {
            out.println(p.severity().name().toLowerCase(Locale.ROOT) + ": " + p.message());
        }
        out.println(analysis.isValid() ? "valid" : "invalid: " + analysis.errors().size() + " error(s)");
    }

    private static void printJson(PrintWriter out, Project project, GraphAnalysis analysis) {
        ObjectNode root = JsonLines.object();
        root.put("valid", analysis.isValid());
        root.put("total_parameters", analysis.totalParameters());
        root.put("total_multiply_adds", analysis.totalMultiplyAdds());
        ArrayNode nodes = root.putArray("nodes");
        for (String id : order(project, analysis)) {
            LayerNode n = project.graph().require(id);
            NodeInfo info = analysis.info(id);
            ObjectNode o = nodes.addObject();
            o.put("id", id).put("name", n.name()).put("type", n.type().id());
            if (info.output().isPresent()) o.put("shape", info.output().get().display());
            else o.putNull("shape");
            o.put("parameters", info.parameters()).put("multiply_adds", info.multiplyAdds());
        }
        ArrayNode problems = root.putArray("problems");
        for (Problem p : analysis.problems()) {
            ObjectNode o = problems.addObject();
            o.put("severity", p.severity().name().toLowerCase(Locale.ROOT));
            if (p.node().isPresent()) o.put("node", p.nodeId());
            else o.putNull("node");
            o.put("message", p.message());
        }
        JsonLines.print(out, root);
    }

    /** Layers in data-flow order, then any left out of it (on a cycle). */
    private static java.util.List<String> order(Project project, GraphAnalysis analysis) {
        java.util.List<String> ids = new java.util.ArrayList<>(analysis.topologicalOrder());
        for (LayerNode n : project.graph().nodes()) {
            if (!ids.contains(n.id())) ids.add(n.id());
        }
        return ids;
    }
}
