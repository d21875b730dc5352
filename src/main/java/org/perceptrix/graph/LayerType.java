package org.perceptrix.graph;

import java.util.List;
import java.util.Optional;

import static org.perceptrix.graph.PropertySpec.bool;
import static org.perceptrix.graph.PropertySpec.choice;
import static org.perceptrix.graph.PropertySpec.decimal;
import static org.perceptrix.graph.PropertySpec.integer;

/**
 * The layer catalogue: the one place that names each layer type, its palette category and its properties.
 * Help texts and formulas live in the message bundle under {@code layer.<id>.*}.
 */
public enum LayerType {
    IMAGE_INPUT("ImageInput", "input", Category.INPUT,
            integer("height", 28, 1, 4096), integer("width", 28, 1, 4096), integer("channels", 1, 1, 4096)),
    VECTOR_INPUT("VectorInput", "input", Category.INPUT, integer("size", 784, 1, 10_000_000)),
    SEQUENCE_INPUT("SequenceInput", "input", Category.INPUT,
            integer("steps", 28, 1, 100_000), integer("features", 28, 1, 1_000_000)),
    DENSE("Dense", "dense", Category.CORE, integer("units", 128, 1, 1_000_000), activation("relu")),
    DROPOUT("Dropout", "dropout", Category.CORE, decimal("rate", 0.5, 0.0, 0.95)),
    BATCH_NORM("BatchNorm", "bn", Category.CORE),
    ACTIVATION("Activation", "act", Category.CORE, activation("relu")),
    FLATTEN("Flatten", "flatten", Category.CORE),
    CONV2D("Conv2D", "conv", Category.CONVOLUTION,
            integer("filters", 32, 1, 100_000), integer("kernel", 3, 1, 1024), integer("stride", 1, 1, 1024),
            padding(), activation("relu")),
    MAX_POOL("MaxPool", "pool", Category.CONVOLUTION,
            integer("size", 2, 1, 1024), integer("stride", 2, 1, 1024), padding()),
    AVG_POOL("AvgPool", "pool", Category.CONVOLUTION,
            integer("size", 2, 1, 1024), integer("stride", 2, 1, 1024), padding()),
    GLOBAL_POOL("GlobalPool", "gpool", Category.CONVOLUTION, choice("mode", "avg", List.of("avg", "max"))),
    SIMPLE_RNN("SimpleRNN", "rnn", Category.RECURRENT,
            integer("units", 64, 1, 100_000), activation("tanh"), bool("returnSequences", false)),
    LSTM("LSTM", "lstm", Category.RECURRENT,
            integer("units", 64, 1, 100_000), activation("tanh"), bool("returnSequences", false)),
    CONCATENATE("Concatenate", "concat", Category.MERGE),
    ADD("Add", "add", Category.MERGE),
    OUTPUT("Output", "out", Category.OUTPUT, integer("units", 10, 1, 1_000_000),
            choice("loss", OutputLoss.SOFTMAX_CROSS_ENTROPY.id(), OutputLoss.ids()));

    /** Palette groups, in palette order. */
    public enum Category { INPUT, CORE, CONVOLUTION, RECURRENT, MERGE, OUTPUT }

    private final String id;
    private final String namePrefix;
    private final Category category;
    private final List<PropertySpec> properties;

    LayerType(String id, String namePrefix, Category category, PropertySpec... properties) {
        this.id = id;
        this.namePrefix = namePrefix;
        this.category = category;
        this.properties = List.of(properties);
    }

    private static PropertySpec activation(String def) {
        return choice("activation", def, Activation.ids());
    }

    private static PropertySpec padding() {
        return choice("padding", "valid", List.of("valid", "same"));
    }

    /** The type's name in project files, the palette and messages, e.g. {@code Conv2D}. */
    public String id() { return id; }

    /** Prefix of automatic node names, e.g. {@code conv} for conv1, conv2. */
    public String namePrefix() { return namePrefix; }

    public Category category() { return category; }

    public List<PropertySpec> properties() { return properties; }

    public Optional<PropertySpec> property(String key) {
        return properties.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    public boolean isInput() { return category == Category.INPUT; }

    public boolean isOutput() { return this == OUTPUT; }

    /** Merge layers take two or more inputs; every other non-input layer takes exactly one. */
    public boolean isMerge() { return category == Category.MERGE; }

    public static Optional<LayerType> fromId(String id) {
        for (LayerType t : values()) {
            if (t.id.equalsIgnoreCase(id)) return Optional.of(t);
        }
        return Optional.empty();
    }
}
