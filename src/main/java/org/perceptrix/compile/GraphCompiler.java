package org.perceptrix.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;
import org.perceptrix.graph.GraphAnalysis;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.graph.OutputLoss;
import org.perceptrix.graph.Problem;
import org.perceptrix.graph.Shape;
import org.perceptrix.graph.ShapeInference;

/**
 * Compiles a network graph to a DL4J {@link ComputationGraphConfiguration}. DL4J infers each layer's nIn and inserts
 * the CNN → dense and RNN ↔ dense preprocessors from the input types, as in its own examples.
 * Layers that lead to no output are left out (the analysis warns about them).
 */
public final class GraphCompiler {

    private GraphCompiler() {
    }

    /** Compiles a graph that {@link ShapeInference} finds valid; otherwise throws with its first error. */
    public static CompiledNetwork compile(NetworkGraph graph, TrainingSettings settings) {
        return compile(graph, ShapeInference.analyze(graph), settings);
    }

    /** Compiles with an analysis already made (for example one that also checked the data). */
    public static CompiledNetwork compile(NetworkGraph graph, GraphAnalysis analysis, TrainingSettings settings) {
        if (!analysis.isValid()) {
            List<Problem> errors = analysis.errors();
            String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
            throw new CompileException(errors.get(0).message() + more, errors);
        }
        return new Build(graph, analysis, settings).run();
    }

    /** The DL4J updater for the settings' optimizer, with the learning rate following its schedule. */
    public static IUpdater updater(TrainingSettings s) {
        ISchedule lr = schedule(s);
        return switch (s.optimizer()) {
            case SGD -> new Sgd(lr);
            case NESTEROV -> new Nesterovs(lr, s.momentum());
            case ADAM -> new Adam(lr);
            case ADAGRAD -> new AdaGrad(lr);
            case RMSPROP -> new RmsProp(lr);
        };
    }

    /** The learning rate by epoch; DL4J counts epochs from 0. */
    static ISchedule schedule(TrainingSettings s) {
        double lr = s.learningRate();
        return switch (s.schedule()) {
            case FIXED -> new MapSchedule(ScheduleType.EPOCH, java.util.Map.of(0, lr));
            case STEP -> new StepSchedule(ScheduleType.EPOCH, lr, s.decayRate(), s.decayEpochs());
            case EXPONENTIAL -> new ExponentialSchedule(ScheduleType.EPOCH, lr,
                    Math.pow(s.decayRate(), 1.0 / s.decayEpochs()));
            case COSINE -> new CosineSchedule(lr, s.epochs());
        };
    }

    static Activation activation(org.perceptrix.graph.Activation a) {
        return switch (a) {
            case RELU -> Activation.RELU;
            case SIGMOID -> Activation.SIGMOID;
            case TANH -> Activation.TANH;
            case LEAKY_RELU -> Activation.LEAKYRELU;
            case ELU -> Activation.ELU;
            case SOFTMAX -> Activation.SOFTMAX;
            case IDENTITY -> Activation.IDENTITY;
        };
    }

    static LossFunctions.LossFunction loss(OutputLoss loss) {
        return switch (loss) {
            case SOFTMAX_CROSS_ENTROPY -> LossFunctions.LossFunction.MCXENT;
            case SIGMOID_BINARY_CROSS_ENTROPY -> LossFunctions.LossFunction.XENT;
            case IDENTITY_MSE -> LossFunctions.LossFunction.MSE;
        };
    }

    private static final class Build {
        private final NetworkGraph graph;
        private final GraphAnalysis analysis;
        private final TrainingSettings settings;
        /** The DL4J vertex whose output is each node's output (aliases for nodes that compile to nothing). */
        private final Map<String, String> outputVertex = new HashMap<>();
        private final Map<String, String> vertexOfNode = new HashMap<>();

        Build(NetworkGraph graph, GraphAnalysis analysis, TrainingSettings settings) {
            this.graph = graph;
            this.analysis = analysis;
            this.settings = settings;
        }

        CompiledNetwork run() {
            Set<String> used = graph.nodesLeadingToOutputs();
            ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                    .seed(settings.seed())
                    .dataType(DataType.FLOAT)
                    .updater(updater(settings))
                    .weightInit(weightInit(settings))
                    .l1(settings.l1())
                    .l2(settings.l2())
                    .graphBuilder();
            List<String> inputNames = new ArrayList<>();
            List<InputLayout> layouts = new ArrayList<>();
            List<String> outputNames = new ArrayList<>();
            for (String id : analysis.topologicalOrder()) {
                if (!used.contains(id)) continue;
                LayerNode n = graph.require(id);
                if (n.type().isInput()) {
                    inputNames.add(n.name());
                    layouts.add(new InputLayout(shape(id)));
                    outputVertex.put(id, n.name());
                }
            }
            b.addInputs(inputNames.toArray(String[]::new));
            b.setInputTypes(layouts.stream().map(InputLayout::inputType).toArray(InputType[]::new));
            for (String id : analysis.topologicalOrder()) {
                if (used.contains(id) && shape(id) instanceof Shape.Image i && graph.require(id).type().isInput()) {
                    // Images arrive flat; unflatten them once here, so every layer after sees a true CNN type
                    // (a Flatten, Dropout or merge right after the input would otherwise get the flat type).
                    String vertex = freeVertexName(graph.require(id).name() + " image");
                    b.addVertex(vertex, new PreprocessorVertex(
                            new FeedForwardToCnnPreProcessor(i.height(), i.width(), i.channels())), outputVertex.get(id));
                    outputVertex.put(id, vertex);
                }
            }
            for (String id : analysis.topologicalOrder()) {
                if (!used.contains(id)) continue;
                LayerNode n = graph.require(id);
                if (n.type().isInput()) continue;
                addNode(b, n);
                if (n.type().isOutput()) outputNames.add(n.name());
            }
            b.setOutputs(outputNames.toArray(String[]::new));
            ComputationGraphConfiguration conf;
            try {
                conf = b.build();
            } catch (RuntimeException e) {
                throw new CompileException("Deeplearning4j refused the network: " + e.getMessage(), List.of());
            }
            return new CompiledNetwork(conf, inputNames, layouts, outputNames, vertexOfNode, analysis);
        }

        /** A DL4J vertex name that no layer of the graph has. */
        private String freeVertexName(String base) {
            String name = base;
            while (graph.nodeNamed(name).isPresent()) name = name + "'";
            return name;
        }

        private Shape shape(String id) {
            return analysis.shapeOf(id).orElseThrow(() -> new IllegalStateException("no shape for " + id));
        }

        private void addNode(ComputationGraphConfiguration.GraphBuilder b, LayerNode n) {
            List<String> ins = graph.inputsOf(n.id());
            String[] inputs = ins.stream().map(outputVertex::get).toArray(String[]::new);
            Shape in = shape(ins.get(0));
            String name = n.name();
            switch (n.type()) {
                case CONCATENATE -> b.addVertex(name, new MergeVertex(), inputs);
                case ADD -> b.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), inputs);
                case FLATTEN -> {
                    if (in instanceof Shape.Image i) {
                        b.addVertex(name, new PreprocessorVertex(
                                new CnnToFeedForwardPreProcessor(i.height(), i.width(), i.channels())), inputs);
                    } else {
                        outputVertex.put(n.id(), inputs[0]); // flattening a vector changes nothing
                        return;
                    }
                }
                default -> {
                    b.addLayer(name, layer(n, in), inputs);
                    vertexOfNode.put(n.id(), name);
                }
            }
            outputVertex.put(n.id(), name);
        }

        private Layer layer(LayerNode n, Shape in) {
            boolean sequence = in instanceof Shape.Sequence;
            return switch (n.type()) {
                case DENSE -> {
                    DenseLayer dense = withDropout(new DenseLayer.Builder().nOut(n.intProperty("units"))
                            .activation(activation(n.activation()))).build();
                    yield sequence ? new TimeDistributed(dense, RNNFormat.NCW) : dense;
                }
                case OUTPUT -> {
                    OutputLoss loss = n.loss();
                    if (sequence) {
                        yield new RnnOutputLayer.Builder(loss(loss)).nOut(n.intProperty("units"))
                                .activation(activation(loss.activation())).build();
                    }
                    yield new OutputLayer.Builder(loss(loss)).nOut(n.intProperty("units"))
                            .activation(activation(loss.activation())).build();
                }
                case DROPOUT -> new DropoutLayer.Builder(1.0 - n.doubleProperty("rate")).build();
                case BATCH_NORM -> new BatchNormalization.Builder().build();
                case ACTIVATION -> new ActivationLayer.Builder().activation(activation(n.activation())).build();
                case CONV2D -> {
                    int k = n.intProperty("kernel");
                    int s = n.intProperty("stride");
                    yield withDropout(new ConvolutionLayer.Builder(k, k).stride(s, s).nOut(n.intProperty("filters"))
                            .convolutionMode(mode(n)).activation(activation(n.activation()))).build();
                }
                case MAX_POOL, AVG_POOL -> {
                    int k = n.intProperty("size");
                    int s = n.intProperty("stride");
                    yield new SubsamplingLayer.Builder(n.type() == LayerType.MAX_POOL ? PoolingType.MAX : PoolingType.AVG)
                            .kernelSize(k, k).stride(s, s).convolutionMode(mode(n)).build();
                }
                case GLOBAL_POOL -> {
                    PoolingType type = "max".equals(n.stringProperty("mode")) ? PoolingType.MAX : PoolingType.AVG;
                    yield sequence ? new SequenceGlobalPooling(type) : new GlobalPoolingLayer.Builder(type).build();
                }
                case SIMPLE_RNN, LSTM -> {
                    Layer rnn = n.type() == LayerType.LSTM
                            ? new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nOut(n.intProperty("units"))
                                    .activation(activation(n.activation())).build()
                            : new SimpleRnn.Builder().nOut(n.intProperty("units"))
                                    .activation(activation(n.activation())).build();
                    yield n.boolProperty("returnSequences") ? rnn : new LastTimeStep(rnn);
                }
                default -> throw new IllegalStateException("not a layer: " + n.type());
            };
        }

        private <T extends BaseLayer.Builder<T>> T withDropout(T builder) {
            if (settings.dropout() > 0) builder.dropOut(1.0 - settings.dropout()); // DL4J takes the keep probability
            return builder;
        }

        private static ConvolutionMode mode(LayerNode n) {
            return "same".equals(n.stringProperty("padding")) ? ConvolutionMode.Same : ConvolutionMode.Truncate;
        }

        private static org.deeplearning4j.nn.weights.WeightInit weightInit(TrainingSettings s) {
            return switch (s.weightInit()) {
                case XAVIER -> org.deeplearning4j.nn.weights.WeightInit.XAVIER;
                case RELU -> org.deeplearning4j.nn.weights.WeightInit.RELU;
                case NORMAL -> org.deeplearning4j.nn.weights.WeightInit.NORMAL;
                case UNIFORM -> org.deeplearning4j.nn.weights.WeightInit.UNIFORM;
            };
        }
    }
}
