package org.perceptrix.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One layer on the canvas: a stable id, a name, a type, a position and typed property values. */
public final class LayerNode {
    private final String id;
    private final LayerType type;
    private String name;
    private double x;
    private double y;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    LayerNode(String id, LayerType type, String name, double x, double y) {
        this.id = Objects.requireNonNull(id);
        this.type = Objects.requireNonNull(type);
        this.name = Objects.requireNonNull(name);
        this.x = x;
        this.y = y;
        for (PropertySpec p : type.properties()) {
            properties.put(p.key(), p.defaultValue());
        }
    }

    public String id() { return id; }

    public LayerType type() { return type; }

    public String name() { return name; }

    public double x() { return x; }

    public double y() { return y; }

    /** Property values in catalogue order. */
    public Map<String, Object> properties() { return Collections.unmodifiableMap(properties); }

    public Object property(String key) {
        Object v = properties.get(key);
        if (v == null) throw new IllegalArgumentException(type.id() + " has no property '" + key + "'");
        return v;
    }

    public int intProperty(String key) { return (Integer) property(key); }

    public double doubleProperty(String key) { return (Double) property(key); }

    public boolean boolProperty(String key) { return (Boolean) property(key); }

    public String stringProperty(String key) { return (String) property(key); }

    public Activation activation() { return Activation.fromId(stringProperty("activation")); }

    public OutputLoss loss() { return OutputLoss.fromId(stringProperty("loss")); }

    /** "Conv2D 'conv2'": how messages name a node. */
    public String label() { return type.id() + " '" + name + "'"; }

    void setName(String name) { this.name = Objects.requireNonNull(name); }

    void moveTo(double x, double y) {
        this.x = x;
        this.y = y;
    }

    /** Sets a property after checking it against the catalogue; returns the stored (coerced) value. */
    Object setProperty(String key, Object raw) {
        PropertySpec spec = type.property(key)
                .orElseThrow(() -> new IllegalArgumentException(type.id() + " has no property '" + key + "'"));
        Object value = spec.coerce(raw);
        properties.put(key, value);
        return value;
    }

    @Override
    public String toString() { return label() + " [" + id + "]"; }
}
