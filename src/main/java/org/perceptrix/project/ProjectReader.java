package org.perceptrix.project;

import org.perceptrix.io.Json;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.perceptrix.data.DataSource;
import org.perceptrix.data.Scaling;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.Edge;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.graph.PropertySpec;
import org.perceptrix.train.EpochMetrics;
import org.perceptrix.compile.LearningRateSchedule;
import org.perceptrix.compile.Optimizer;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.compile.WeightInit;

/**
 * Turns the text of a project file into a {@link Project}, or fails with one line naming the file and the problem.
 * Every field the writer writes must be there, except layer properties and training settings, which take their
 * defaults when missing (so files stay readable when the catalogue gains a property). Unknown fields are errors:
 * in a hand-edited file they are usually typos that would otherwise be silently ignored.
 */
final class ProjectReader {
    private static final List<String> ROOT_FIELDS =
            List.of("format", "version", "name", "graph", "data", "preprocessing", "training", "runs");
    private static final List<String> GRAPH_FIELDS = List.of("nodes", "edges");
    private static final List<String> NODE_FIELDS = List.of("id", "type", "name", "x", "y", "properties");
    private static final List<String> EDGE_FIELDS = List.of("from", "to");
    private static final List<String> DATA_FIELDS =
            List.of("source", "trainImages", "trainLabels", "testImages", "testLabels", "target");
    private static final List<String> IDX_PATHS = List.of("trainImages", "trainLabels", "testImages", "testLabels");
    private static final List<String> PREPROCESSING_FIELDS = List.of("scaling");
    private static final List<String> TRAINING_FIELDS = List.of("optimizer", "learningRate", "momentum", "batchSize",
            "epochs", "l1", "l2", "dropout", "weightInit", "seed", "validationSplit", "earlyStoppingPatience",
            "schedule", "decayRate", "decayEpochs");
    private static final List<String> RUN_FIELDS =
            List.of("id", "startedAt", "status", "settings", "epochs", "testAccuracy", "modelFile");
    private static final List<String> EPOCH_FIELDS = List.of("epoch", "trainLoss", "validationLoss",
            "validationAccuracy", "examplesPerSecond", "elapsedMillis");
    /** Longest excerpt of a bad value quoted in a message, so that the message stays one short line. */
    private static final int MAX_QUOTE = 40;

    private final String source;

    ProjectReader(String source) {
        this.source = source;
    }

    Project read(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text; // editors on Windows like to add a BOM
        if (body.isBlank()) throw fail("", "file is empty");
        JsonNode tree;
        try {
            tree = Json.parse(body);
        } catch (JsonProcessingException e) {
            throw syntaxError(e, body);
        }
        if (!(tree instanceof ObjectNode root) || !root.path("format").isTextual()
                || !ProjectWriter.FORMAT.equals(root.get("format").textValue())) {
            throw fail("", "not a Perceptrix project file (no \"format\": \"" + ProjectWriter.FORMAT + "\")");
        }
        checkVersion(root);
        onlyFields(root, "", ROOT_FIELDS);
        String name = text(root, "name", "");
        NetworkGraph graph = graph(object(root, "graph", ""));
        DataSource data = data(object(root, "data", ""));
        Scaling scaling = preprocessing(object(root, "preprocessing", ""));
        TrainingSettings training = training(object(root, "training", ""), "training");
        List<RunRecord> runs = runs(array(root, "runs", ""));
        return new Project(name, graph, data, scaling, training, runs);
    }

    private ProjectFileException syntaxError(JsonProcessingException e, String body) {
        JsonLocation at = e.getLocation();
        if (e instanceof JsonEOFException || cutShort(at, body)) return fail("", "file ends early (truncated?)");
        String where = at != null && at.getLineNr() > 0
                ? "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " : "";
        if (e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return fail("", where + "unexpected text after the end of the project");
        }
        return fail("", where + "malformed JSON (" + jacksonProblem(e.getOriginalMessage()) + ")");
    }

    /**
     * Jackson reports a file cut mid-word ("tru") as a bad token at the end, and one cut after a decimal point
     * ("40.") as a bad character on that point, rather than as an early end.
     */
    private static boolean cutShort(JsonLocation at, String body) {
        if (at == null) return false;
        long offset = at.getCharOffset();
        String text = body.stripTrailing();
        return offset >= text.length() || offset == text.length() - 1 && text.endsWith(".");
    }

    /** Jackson's own words, shortened: "Unexpected character ('}' (code 125)): ..." becomes "Unexpected character '}': ...". */
    private static String jacksonProblem(String message) {
        String m = String.valueOf(message).replaceAll("\\s+", " ").strip();
        m = m.replaceAll("\\((['\"].{1,4}['\"]) \\(code \\d+\\)\\)", "$1");
        m = m.replaceAll(": enable `[^`]*` to allow", ""); // advice for programmers, not for students
        m = m.replaceAll("Illegal unquoted character \\(\\(CTRL-CHAR, code 1[03]\\)\\): has to be escaped using "
                + "backslash to be included in", "Line break inside quoted text (a closing quote missing?) in");
        for (String marker : List.of(" (start marker at", " (for Object starting at", " (for Array starting at")) {
            int at = m.indexOf(marker);
            if (at >= 0) m = m.substring(0, at);
        }
        return m.length() > 120 ? m.substring(0, 117) + "..." : m;
    }

    private void checkVersion(ObjectNode root) {
        JsonNode v = root.get("version");
        if (v == null) throw fail("", "missing \"version\"");
        if (!v.isIntegralNumber()) throw fail("", "\"version\" must be a whole number, not " + quote(v));
        if (!v.canConvertToInt() || v.intValue() != ProjectWriter.VERSION) {
            throw fail("", "unsupported project version " + v.asText() + " (this Perceptrix reads version "
                    + ProjectWriter.VERSION + ")");
        }
    }

    private NetworkGraph graph(ObjectNode g) {
        onlyFields(g, "graph", GRAPH_FIELDS);
        NetworkGraph graph = new NetworkGraph();
        int index = 0;
        for (JsonNode raw : array(g, "nodes", "graph")) {
            index++;
            ObjectNode n = asObject(raw, "node " + index + " in \"nodes\"");
            node(graph, n, index);
        }
        index = 0;
        for (JsonNode raw : array(g, "edges", "graph")) {
            index++;
            ObjectNode e = asObject(raw, "edge " + index + " in \"edges\"");
            edge(graph, e, index);
        }
        return graph;
    }

    private void node(NetworkGraph graph, ObjectNode n, int index) {
        String id = text(n, "id", "node " + index + " in \"nodes\"");
        if (id.isBlank()) throw fail("node " + index + " in \"nodes\"", "\"id\" is empty");
        String where = "node '" + id + "'";
        onlyFields(n, where, NODE_FIELDS);
        String typeId = text(n, "type", where);
        Optional<LayerType> type = LayerType.fromId(typeId);
        if (type.isEmpty()) {
            throw fail("", where + " has unknown layer type '" + typeId + "' (known: "
                    + String.join(", ", Arrays.stream(LayerType.values()).map(LayerType::id).toList()) + ")");
        }
        String name = text(n, "name", where);
        if (name.isBlank()) throw fail(where, "\"name\" is empty");
        where = "node '" + name + "' (" + id + ")";
        double x = number(n, "x", where);
        double y = number(n, "y", where);
        ObjectNode properties = object(n, "properties", where);
        if (graph.node(id).isPresent()) throw fail("", "two nodes have the id '" + id + "'");
        graph.addNode(id, type.get(), name, x, y);
        for (Iterator<String> keys = properties.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            PropertySpec spec = type.get().property(key).orElseThrow(() -> unknownProperty(name, id,
                    type.get(), key));
            Object value;
            try {
                value = spec.coerce(plain(properties.get(key)));
            } catch (IllegalArgumentException e) {
                throw fail(where, e.getMessage());
            }
            graph.setProperty(id, key, value);
        }
    }

    private ProjectFileException unknownProperty(String name, String id, LayerType type, String key) {
        List<String> known = type.properties().stream().map(PropertySpec::key).toList();
        return fail("node '" + name + "' (" + id + ")", type.id() + " has no property \"" + key + "\" ("
                + (known.isEmpty() ? "it has none" : "known: " + String.join(", ", known)) + ")");
    }

    /** A JSON value as the Java value {@link PropertySpec#coerce} expects: a number, string, boolean or null. */
    private static Object plain(JsonNode v) {
        if (v.isIntegralNumber()) return v.canConvertToLong() ? (Object) v.longValue() : (Object) v.doubleValue();
        if (v.isNumber()) return v.doubleValue();
        if (v.isTextual()) return v.textValue();
        if (v.isBoolean()) return v.booleanValue();
        if (v.isNull()) return null;
        return v.toString();
    }

    private void edge(NetworkGraph graph, ObjectNode e, int index) {
        String where = "edge " + index + " in \"edges\"";
        onlyFields(e, where, EDGE_FIELDS);
        String from = text(e, "from", where);
        String to = text(e, "to", where);
        if (graph.node(from).isEmpty()) throw fail("", "edge from '" + from + "' refers to no node");
        if (graph.node(to).isEmpty()) throw fail("", "edge to '" + to + "' refers to no node");
        if (from.equals(to)) throw fail("", "edge from '" + from + "' to itself: a layer cannot feed itself");
        if (graph.edges().contains(new Edge(from, to))) {
            throw fail("", "edge from '" + from + "' to '" + to + "' is listed twice");
        }
        graph.connect(from, to);
    }

    private DataSource data(ObjectNode d) {
        onlyFields(d, "data", DATA_FIELDS);
        String kindId = text(d, "source", "data");
        DataSource.Kind kind = Arrays.stream(DataSource.Kind.values())
                .filter(k -> k.name().equalsIgnoreCase(kindId)).findFirst()
                .orElseThrow(() -> fail("data", "unknown source '" + kindId + "' (known: mnist, idx)"));
        String targetId = text(d, "target", "data");
        DataSignature.Target target = Arrays.stream(DataSignature.Target.values())
                .filter(t -> t.name().equalsIgnoreCase(targetId)).findFirst()
                .orElseThrow(() -> fail("data", "unknown target '" + targetId + "' (known: labels, input)"));
        if (kind == DataSource.Kind.MNIST) return DataSource.mnist().withTarget(target);
        List<String> paths = new ArrayList<>();
        for (String field : IDX_PATHS) {
            String path = text(d, field, "data");
            if (path.isBlank()) throw fail("data", "\"" + field + "\" is empty: name an IDX file");
            paths.add(path);
        }
        return new DataSource(kind, paths.get(0), paths.get(1), paths.get(2), paths.get(3), target);
    }

    private Scaling preprocessing(ObjectNode p) {
        onlyFields(p, "preprocessing", PREPROCESSING_FIELDS);
        String id = text(p, "scaling", "preprocessing");
        try {
            return Scaling.fromId(id);
        } catch (IllegalArgumentException e) {
            throw fail("preprocessing", e.getMessage());
        }
    }

    private TrainingSettings training(ObjectNode t, String where) {
        onlyFields(t, where, TRAINING_FIELDS);
        TrainingSettings d = TrainingSettings.defaults();
        try {
            Optimizer optimizer = t.has("optimizer") ? Optimizer.fromId(text(t, "optimizer", where)) : d.optimizer();
            WeightInit init = t.has("weightInit") ? WeightInit.fromId(text(t, "weightInit", where)) : d.weightInit();
            return new TrainingSettings(optimizer,
                    t.has("learningRate") ? number(t, "learningRate", where) : d.learningRate(),
                    t.has("momentum") ? number(t, "momentum", where) : d.momentum(),
                    t.has("batchSize") ? whole(t, "batchSize", where) : d.batchSize(),
                    t.has("epochs") ? whole(t, "epochs", where) : d.epochs(),
                    t.has("l1") ? number(t, "l1", where) : d.l1(),
                    t.has("l2") ? number(t, "l2", where) : d.l2(),
                    t.has("dropout") ? number(t, "dropout", where) : d.dropout(),
                    init,
                    t.has("seed") ? wholeLong(t, "seed", where) : d.seed(),
                    t.has("validationSplit") ? number(t, "validationSplit", where) : d.validationSplit(),
                    t.has("earlyStoppingPatience") ? whole(t, "earlyStoppingPatience", where)
                            : d.earlyStoppingPatience(),
                    t.has("schedule") ? LearningRateSchedule.fromId(text(t, "schedule", where)) : d.schedule(),
                    t.has("decayRate") ? number(t, "decayRate", where) : d.decayRate(),
                    t.has("decayEpochs") ? whole(t, "decayEpochs", where) : d.decayEpochs());
        } catch (IllegalArgumentException e) {
            throw fail(where, e.getMessage());
        }
    }

    private List<RunRecord> runs(ArrayNode array) {
        List<RunRecord> runs = new ArrayList<>();
        int index = 0;
        for (JsonNode raw : array) {
            index++;
            String where = "run " + index + " in \"runs\"";
            ObjectNode r = asObject(raw, where);
            String id = text(r, "id", where);
            where = "run '" + id + "'";
            onlyFields(r, where, RUN_FIELDS);
            String startedAt = text(r, "startedAt", where);
            try {
                DateTimeFormatter.ISO_DATE_TIME.parse(startedAt);
            } catch (DateTimeParseException e) {
                throw fail(where, "\"startedAt\" must be an ISO-8601 date and time such as 2026-11-24T10:15:30Z, not "
                        + quote(r.get("startedAt")));
            }
            String status = text(r, "status", where);
            TrainingSettings settings = training(object(r, "settings", where), where + ": settings");
            List<EpochMetrics> epochs = new ArrayList<>();
            int e = 0;
            for (JsonNode rawEpoch : array(r, "epochs", where)) {
                e++;
                String at = where + ": epoch " + e + " in \"epochs\"";
                ObjectNode m = asObject(rawEpoch, at);
                onlyFields(m, at, EPOCH_FIELDS);
                epochs.add(new EpochMetrics(whole(m, "epoch", at), measure(m, "trainLoss", at),
                        measure(m, "validationLoss", at), measure(m, "validationAccuracy", at),
                        measure(m, "examplesPerSecond", at), wholeLong(m, "elapsedMillis", at)));
            }
            double testAccuracy = measure(r, "testAccuracy", where);
            String modelFile = text(r, "modelFile", where);
            runs.add(new RunRecord(id, startedAt, settings, epochs, testAccuracy, modelFile, status));
        }
        return runs;
    }

    // --- Fields -----------------------------------------------------------------------------------------------

    private void onlyFields(ObjectNode o, String where, List<String> known) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw fail(where, "unknown field \"" + field + "\" (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private JsonNode required(ObjectNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null) throw fail(where, "missing \"" + field + "\"");
        return v;
    }

    private ObjectNode asObject(JsonNode v, String where) {
        if (v instanceof ObjectNode o) return o;
        throw fail(where, "must be an object { ... }, not " + quote(v));
    }

    private ObjectNode object(ObjectNode o, String field, String where) {
        JsonNode v = required(o, field, where);
        if (v instanceof ObjectNode obj) return obj;
        throw fail(where, "\"" + field + "\" must be an object { ... }, not " + quote(v));
    }

    private ArrayNode array(ObjectNode o, String field, String where) {
        JsonNode v = required(o, field, where);
        if (v instanceof ArrayNode a) return a;
        throw fail(where, "\"" + field + "\" must be a list [ ... ], not " + quote(v));
    }

    private String text(ObjectNode o, String field, String where) {
        JsonNode v = required(o, field, where);
        if (v.isTextual()) return v.textValue();
        throw fail(where, "\"" + field + "\" must be text in double quotes, not " + quote(v));
    }

    private double number(ObjectNode o, String field, String where) {
        JsonNode v = required(o, field, where);
        if (v.isNumber() && Double.isFinite(v.doubleValue())) return v.doubleValue();
        throw fail(where, "\"" + field + "\" must be a number, not " + quote(v));
    }

    /** A measured value: a number, or null for one that was not measured (NaN in memory). */
    private double measure(ObjectNode o, String field, String where) {
        JsonNode v = required(o, field, where);
        if (v.isNull()) return Double.NaN;
        if (v.isNumber() && Double.isFinite(v.doubleValue())) return v.doubleValue();
        throw fail(where, "\"" + field + "\" must be a number or null, not " + quote(v));
    }

    private int whole(ObjectNode o, String field, String where) {
        long v = wholeLong(o, field, where);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw fail(where, "\"" + field + "\" is out of range: " + v);
        }
        return (int) v;
    }

    private long wholeLong(ObjectNode o, String field, String where) {
        JsonNode v = required(o, field, where);
        if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
        if (v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                && Math.abs(v.doubleValue()) < 0x1p53) {
            return (long) v.doubleValue(); // 64.0 means 64
        }
        throw fail(where, "\"" + field + "\" must be a whole number, not " + quote(v));
    }

    private static String quote(JsonNode v) {
        if (v.isNumber() && !Double.isFinite(v.doubleValue())) return "a number too large to use (" + v.asText() + ")";
        String s = v.isContainerNode() ? (v.isArray() ? "a list" : "an object") : v.toString();
        return s.length() > MAX_QUOTE ? s.substring(0, MAX_QUOTE - 3) + "..." : s;
    }

    private ProjectFileException fail(String where, String problem) {
        return new ProjectFileException(source, where.isEmpty() ? problem : where + ": " + problem);
    }
}
