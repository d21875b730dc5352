package org.perceptrix.project;

import org.perceptrix.io.Json;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.perceptrix.data.DataSource;
import org.perceptrix.graph.Edge;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.train.EpochMetrics;
import org.perceptrix.compile.TrainingSettings;

/** Builds the JSON tree of a project, field by field, so that the order in the file never depends on reflection. */
final class ProjectWriter {
    static final String FORMAT = "perceptrix-project";
    static final int VERSION = 1;

    private ProjectWriter() {
    }

    static ObjectNode write(Project project) {
        ObjectNode root = Json.newObject();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("name", project.name());
        root.set("graph", graph(project.graph()));
        root.set("data", data(project.data()));
        root.putObject("preprocessing").put("scaling", project.scaling().id());
        root.set("training", training(project.training()));
        ArrayNode runs = root.putArray("runs");
        for (RunRecord run : project.runs()) runs.add(run(run));
        return root;
    }

    private static ObjectNode graph(NetworkGraph graph) {
        ObjectNode g = Json.newObject();
        ArrayNode nodes = g.putArray("nodes");
        for (LayerNode n : graph.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("id", n.id());
            o.put("type", n.type().id());
            o.put("name", n.name());
            o.put("x", n.x());
            o.put("y", n.y());
            ObjectNode props = o.putObject("properties");
            // LayerNode keeps its values in catalogue order and typed by their spec (Integer, Double, ...).
            for (Map.Entry<String, Object> p : n.properties().entrySet()) {
                Object v = p.getValue();
                if (v instanceof Integer i) props.put(p.getKey(), i);
                else if (v instanceof Double d) props.put(p.getKey(), d);
                else if (v instanceof Boolean b) props.put(p.getKey(), b);
                else props.put(p.getKey(), String.valueOf(v));
            }
        }
        ArrayNode edges = g.putArray("edges");
        for (Edge e : graph.edges()) {
            edges.addObject().put("from", e.from()).put("to", e.to());
        }
        return g;
    }

    private static ObjectNode data(DataSource data) {
        ObjectNode d = Json.newObject();
        d.put("source", data.kind().name().toLowerCase(Locale.ROOT));
        // The bundled digits need no paths; writing empty ones would only invite edits that do nothing.
        if (data.kind() == DataSource.Kind.IDX) {
            d.put("trainImages", data.trainImages());
            d.put("trainLabels", data.trainLabels());
            d.put("testImages", data.testImages());
            d.put("testLabels", data.testLabels());
        }
        d.put("target", data.target().name().toLowerCase(Locale.ROOT));
        return d;
    }

    static ObjectNode training(TrainingSettings t) {
        ObjectNode o = Json.newObject();
        o.put("optimizer", t.optimizer().id());
        o.put("learningRate", t.learningRate());
        o.put("momentum", t.momentum());
        o.put("batchSize", t.batchSize());
        o.put("epochs", t.epochs());
        o.put("l1", t.l1());
        o.put("l2", t.l2());
        o.put("dropout", t.dropout());
        o.put("weightInit", t.weightInit().id());
        o.put("seed", t.seed());
        o.put("validationSplit", t.validationSplit());
        o.put("earlyStoppingPatience", t.earlyStoppingPatience());
        o.put("schedule", t.schedule().id());
        o.put("decayRate", t.decayRate());
        o.put("decayEpochs", t.decayEpochs());
        return o;
    }

    private static ObjectNode run(RunRecord run) {
        ObjectNode o = Json.newObject();
        o.put("id", run.id());
        o.put("startedAt", run.startedAt());
        o.put("status", run.status());
        o.set("settings", training(run.settings()));
        ArrayNode epochs = o.putArray("epochs");
        for (EpochMetrics m : run.epochs()) {
            ObjectNode e = epochs.addObject();
            e.put("epoch", m.epoch());
            putMeasure(e, "trainLoss", m.trainLoss());
            putMeasure(e, "validationLoss", m.validationLoss());
            putMeasure(e, "validationAccuracy", m.validationAccuracy());
            putMeasure(e, "examplesPerSecond", m.examplesPerSecond());
            e.put("elapsedMillis", m.elapsedMillis());
        }
        putMeasure(o, "testAccuracy", run.testAccuracy());
        o.put("modelFile", run.modelFile());
        return o;
    }

    /** JSON has no NaN or infinity: a value that was not measured is written as null (and read back as NaN). */
    private static void putMeasure(ObjectNode o, String key, double value) {
        if (Double.isFinite(value)) o.put(key, value);
        else o.putNull(key);
    }
}
