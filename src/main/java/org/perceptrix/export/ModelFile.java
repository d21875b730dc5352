package org.perceptrix.export;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.perceptrix.compile.InputLayout;
import org.perceptrix.data.DataSource;
import org.perceptrix.data.FittedScaling;
import org.perceptrix.data.Scaling;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.Shape;
import org.perceptrix.io.AtomicFiles;
import org.perceptrix.io.Json;
import org.perceptrix.train.TrainedModel;

/**
 * Trained models on disk: a DL4J {@link ModelSerializer} zip (configuration JSON, coefficients, updater state) plus
 * {@code perceptrix.json} with what predicting needs (input layout, scaling, class names) and the data source.
 * Opening is safe: entries are checked before DL4J reads anything, only known entries are accepted (DL4J would
 * deserialize Java objects from some others), and nothing may unpack beyond {@link #MAX_UNPACKED_BYTES}.
 */
public final class ModelFile {
    public static final long MAX_UNPACKED_BYTES = 1L << 30;
    static final String METADATA = "perceptrix.json";
    private static final Set<String> DL4J_ENTRIES = Set.of("configuration.json", "coefficients.bin",
            "updaterState.bin", "noParams.marker");

    private ModelFile() {
    }

    /** Writes the model atomically (a temporary file renamed into place). */
    public static void save(TrainedModel model, DataSource data, Path file) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
            ModelSerializer.writeModel(model.network(), dl4j, true);
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
                copyEntries(dl4j.toByteArray(), zip);
                zip.putNextEntry(new ZipEntry(METADATA));
                zip.write(Json.print(metadata(model, data)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            AtomicFiles.write(target, zipped.toByteArray());
        } catch (IOException e) {
            throw new ModelFileException(target + ": cannot write the model (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a model written by {@link #save}; refuses anything else with a one-line message. */
    public static SavedModel load(Path file) {
        return load(file, MAX_UNPACKED_BYTES);
    }

    static SavedModel load(Path file, long maxUnpackedBytes) {
        String name = file.getFileName().toString();
        Map<String, byte[]> entries = readCheckedEntries(file, name, maxUnpackedBytes);
        for (String required : List.of("configuration.json", "coefficients.bin", METADATA)) {
            if (!entries.containsKey(required)) {
                throw new ModelFileException(name + ": not a Perceptrix model (it has no " + required + ")");
            }
        }
        JsonNode meta;
        try {
            meta = Json.mapper().readTree(entries.get(METADATA));
        } catch (IOException e) {
            throw new ModelFileException(name + ": its " + METADATA + " is not valid JSON");
        }
        ComputationGraph net;
        try {
            ByteArrayOutputStream dl4jOnly = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(dl4jOnly)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    if (!DL4J_ENTRIES.contains(e.getKey())) continue;
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            net = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(dl4jOnly.toByteArray()), false);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(name + ": the network inside cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            return fromMetadata(net, meta);
        } catch (RuntimeException e) {
            throw new ModelFileException(name + ": " + METADATA + " is incomplete or wrong (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, byte[]> readCheckedEntries(Path file, String name, long maxUnpackedBytes) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long total = 0;
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                String entry = e.getName();
                if (escapes(entry)) {
                    throw new ModelFileException(name + ": refused: the entry '" + entry + "' points outside the archive");
                }
                if (e.isDirectory()) continue;
                if (!DL4J_ENTRIES.contains(entry) && !METADATA.equals(entry)) {
                    throw new ModelFileException(name + ": refused: unexpected entry '" + entry
                            + "' (Perceptrix opens only the model entries it writes itself)");
                }
                // Count what really unpacks rather than trusting the sizes the archive declares.
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (InputStream in = zip.getInputStream(e)) {
                    byte[] buffer = new byte[1 << 16];
                    int r;
                    while ((r = in.read(buffer)) > 0) {
                        total += r;
                        if (total > maxUnpackedBytes) {
                            throw new ModelFileException(name + ": refused: it would unpack to more than "
                                    + (maxUnpackedBytes >= MAX_UNPACKED_BYTES ? "1 GB" : maxUnpackedBytes + " bytes"));
                        }
                        bytes.write(buffer, 0, r);
                    }
                }
                entries.put(entry, bytes.toByteArray());
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException("file not found: " + file);
        } catch (ZipException e) {
            throw new ModelFileException(name + ": not a model file (not a readable zip archive)");
        } catch (IOException e) {
            if (!Files.exists(file)) throw new ModelFileException("file not found: " + file);
            throw new ModelFileException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return entries;
    }

    /** Zip-slip: absolute names, drive letters, backslashes and any '..' step could write outside a folder. */
    static boolean escapes(String entry) {
        if (entry.startsWith("/") || entry.startsWith("\\") || entry.contains("\\") || entry.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String part : entry.split("/")) {
            if (part.equals("..")) return true;
        }
        return false;
    }

    private static void copyEntries(byte[] zipBytes, ZipOutputStream out) throws IOException {
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
    }

    private static ObjectNode metadata(TrainedModel model, DataSource data) {
        ObjectNode root = Json.newObject();
        root.put("format", "perceptrix-model");
        root.put("version", 1);
        root.put("name", model.name());
        root.put("target", model.target().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode classes = root.putArray("classes");
        model.classNames().forEach(classes::add);
        ObjectNode input = root.putObject("input");
        Shape s = model.input().shape();
        if (s instanceof Shape.Image i) {
            input.put("kind", "image").put("height", i.height()).put("width", i.width()).put("channels", i.channels());
        } else if (s instanceof Shape.Sequence q) {
            input.put("kind", "sequence").put("steps", q.steps()).put("features", q.features());
        } else {
            input.put("kind", "vector").put("size", ((Shape.Vector) s).size());
        }
        ObjectNode scaling = root.putObject("scaling");
        scaling.put("method", model.scaling().scaling().id());
        scaling.put("offset", model.scaling().offset());
        scaling.put("scale", model.scaling().scale());
        ObjectNode d = root.putObject("data");
        d.put("source", data.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (data.kind() == DataSource.Kind.IDX) {
            d.put("trainImages", data.trainImages()).put("trainLabels", data.trainLabels())
                    .put("testImages", data.testImages()).put("testLabels", data.testLabels());
        }
        return root;
    }

    private static SavedModel fromMetadata(ComputationGraph net, JsonNode meta) {
        if (!"perceptrix-model".equals(meta.path("format").asText())) throw new IllegalArgumentException("no format");
        int version = meta.path("version").asInt(-1);
        if (version != 1) throw new IllegalArgumentException("unsupported model version " + version);
        JsonNode in = meta.get("input");
        Shape shape = switch (in.get("kind").asText()) {
            case "image" -> new Shape.Image(in.get("height").asInt(), in.get("width").asInt(), in.get("channels").asInt());
            case "sequence" -> new Shape.Sequence(in.get("steps").asInt(), in.get("features").asInt());
            case "vector" -> new Shape.Vector(in.get("size").asInt());
            default -> throw new IllegalArgumentException("unknown input kind " + in.get("kind"));
        };
        JsonNode sc = meta.get("scaling");
        FittedScaling scaling = new FittedScaling(Scaling.fromId(sc.get("method").asText()), sc.get("offset").asDouble(),
                sc.get("scale").asDouble());
        List<String> classes = new ArrayList<>();
        meta.get("classes").forEach(c -> classes.add(c.asText()));
        DataSignature.Target target = DataSignature.Target.valueOf(meta.get("target").asText().toUpperCase(java.util.Locale.ROOT));
        JsonNode d = meta.get("data");
        DataSource data = "idx".equals(d.path("source").asText())
                ? new DataSource(DataSource.Kind.IDX, d.get("trainImages").asText(), d.get("trainLabels").asText(),
                        d.get("testImages").asText(), d.get("testLabels").asText(), target)
                : DataSource.mnist().withTarget(target);
        TrainedModel model = new TrainedModel(net, new InputLayout(shape), scaling, classes, target,
                meta.path("name").asText("model"));
        return new SavedModel(model, data);
    }
}
