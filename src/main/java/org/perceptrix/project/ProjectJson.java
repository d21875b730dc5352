package org.perceptrix.project;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of Perceptrix and the one way its files are printed: two-space indents, {@code "\n"} line
 * endings whatever the system, a trailing newline, and fields in the order they were put into the tree.
 */
public final class ProjectJson {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            // A key given twice is almost always a bad hand edit; the later one would silently win.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    // The default printer ends lines with the system's separator, which would make files differ between Windows and
    // Linux; arrays get one element per line so that diffs of project files stay readable.
    private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");
    private static final ObjectWriter PRINTER = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(INDENTER)
            .withArrayIndenter(INDENTER));

    private ProjectJson() {
    }

    /** The shared mapper. Configure nothing on it: every file Perceptrix writes depends on its settings. */
    public static ObjectMapper mapper() { return MAPPER; }

    public static ObjectNode newObject() { return MAPPER.createObjectNode(); }

    /** The tree as pretty-printed text ending in a newline; the same tree always gives the same text. */
    public static String print(JsonNode tree) {
        try {
            return PRINTER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            // Printing a tree built in memory touches no input, so this cannot happen.
            throw new IllegalStateException(e);
        }
    }

    /** Parses text into a tree, rejecting duplicate keys and anything after the first value. */
    public static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }
}
