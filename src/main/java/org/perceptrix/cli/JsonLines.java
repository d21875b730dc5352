package org.perceptrix.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.perceptrix.io.Json;

/** Prints one compact JSON object per line; NaN becomes null, since JSON has no NaN. */
final class JsonLines {
    private JsonLines() {
    }

    static ObjectNode object() { return Json.newObject(); }

    static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) node.put(key, value);
        else node.putNull(key);
    }

    static void print(PrintWriter out, ObjectNode node) {
        try {
            out.println(Json.mapper().writer().without(
                    com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }
}
