package org.perceptrix.train;

import org.perceptrix.compile.TrainingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.perceptrix.compile.CompileException;
import org.perceptrix.compile.CompiledNetwork;
import org.perceptrix.compile.GraphCompiler;
import org.perceptrix.compile.InputLayout;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.data.FittedScaling;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.GraphAnalysis;
import org.perceptrix.graph.ShapeInference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run: splits and scales the data, compiles the graph, and fits mini-batches epoch after epoch,
 * reporting {@link TrainingEvent}s. {@link #run()} works on the calling thread; {@link #start()} on a new one.
 * It can be paused, resumed and stopped from any thread; a stop takes effect before the next mini-batch.
 */
public final class TrainingSession {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingSession.class);
    private static final int EVALUATION_BATCH = 512;
    /** Every how many iterations the update-to-parameter ratio is measured (it costs a copy of the parameters). */
    public static final int UPDATE_RATIO_INTERVAL = 10;

    private final TrainingJob job;
    private final Consumer<TrainingEvent> listener;
    private final Object pauseLock = new Object();
    private volatile boolean stopRequested;
    private volatile boolean paused;

    public TrainingSession(TrainingJob job, Consumer<TrainingEvent> listener) {
        this.job = job;
        this.listener = listener;
    }

    /** Runs the session on a new daemon thread; the future completes with the result after the last event. */
    public CompletableFuture<TrainingResult> start() {
        return BackgroundThread.start("perceptrix-training", this::run);
    }

    public void pause() { paused = true; }

    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    public boolean isPaused() { return paused; }

    /** Asks the session to stop after the current mini-batch; it keeps the model it has (or the best one). */
    public void stop() {
        synchronized (pauseLock) {
            stopRequested = true;
            pauseLock.notifyAll();
        }
    }

    /** Trains on the calling thread and returns how it ended; never throws. */
    public TrainingResult run() {
        TrainingResult result;
        try (TrainingBlasThreads threads = TrainingBlasThreads.forNd4j()) { // one on two cores (docs/performance.md)
            result = train();
        } catch (Failure f) {
            result = new TrainingResult(TrainingResult.Outcome.FAILED, f.epochs, Optional.empty(), f.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new TrainingResult(TrainingResult.Outcome.CANCELLED, List.of(), Optional.empty(), "");
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("Training '{}' failed unexpectedly with settings {}", job.name(), job.settings(), e);
            result = new TrainingResult(TrainingResult.Outcome.FAILED, List.of(), Optional.empty(),
                    "training failed unexpectedly (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); the details are in the log");
        }
        listener.accept(new TrainingEvent.Ended(result));
        return result;
    }

    private TrainingResult train() throws InterruptedException {
        long started = System.nanoTime();
        TrainingSettings s = job.settings();
        // The splits are indices into the job's examples, scaled batch by batch: no copy of the data per run.
        ExampleSet examples = job.examples();
        Rows train;
        Rows validation;
        if (job.validation().isPresent()) {
            train = new Rows(examples, permutation(examples.size(), null));
            validation = new Rows(job.validation().get(), permutation(job.validation().get().size(), null));
        } else {
            ExampleSet.SplitIndices split = examples.splitIndices(s.validationSplit(), s.seed());
            train = new Rows(examples, split.train());
            validation = new Rows(examples, split.validation());
        }
        if (train.size() == 0) throw new Failure("there are no training examples", List.of());
        FittedScaling scaling = FittedScaling.fit(job.scaling(), examples, train.index());
        train = train.scaledOnce(scaling);

        DataSignature signature = new DataSignature(examples.featureCount(), examples.numClasses(), job.target());
        GraphAnalysis analysis = ShapeInference.analyze(job.graph(), signature);
        CompiledNetwork compiled;
        try {
            compiled = GraphCompiler.compile(job.graph(), analysis, s);
        } catch (CompileException e) {
            throw new Failure(e.getMessage(), List.of());
        }
        Nd4j.getRandom().setSeed(s.seed());
        ComputationGraph net = compiled.newNetwork();
        FastLayers.install(net); // leaner dense and softmax-output layers (docs/performance.md)
        FastAdam.install(net); // DL4J's Adam arithmetic in a vectorised Java loop (docs/performance.md)
        FusedAdamUpdater fused = net.getUpdater(false) instanceof FusedAdamUpdater f ? f : null;
        IUpdater updater = GraphCompiler.updater(s);
        Batches batches = new Batches(compiled.inputLayout(), job.target(), examples.numClasses(), scaling);
        TrainedModel model = new TrainedModel(net, compiled.inputLayout(), scaling, examples.classNames(), job.target(),
                job.name());

        List<EpochMetrics> history = new ArrayList<>();
        boolean earlyStopping = s.earlyStoppingPatience() > 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        INDArray bestParams = null;
        int sinceBest = 0;
        int iteration = 0;
        TrainingResult.Outcome outcome = TrainingResult.Outcome.FINISHED;
        int n = train.size();
        epochs:
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            int[] order = permutation(n, new Random(s.seed() * 31 + epoch));
            double lossSum = 0;
            long epochStart = System.nanoTime();
            int seen = 0;
            for (int from = 0; from < n; from += s.batchSize()) {
                waitWhilePaused();
                if (stopRequested) {
                    outcome = TrainingResult.Outcome.CANCELLED;
                    break epochs;
                }
                int count = Math.min(s.batchSize(), n - from);
                DataSet batch = batches.of(train, order, from, count);
                boolean measure = (iteration + 1) % UPDATE_RATIO_INTERVAL == 0;
                // the fused Adam step measures the ratio in its own pass; otherwise a copy of the parameters does
                boolean inPass = measure && fused != null && fused.measureNextStep();
                INDArray before = measure && !inPass ? net.params().dup() : null;
                net.fit(batch);
                double loss = net.score();
                iteration++;
                double ratio = !measure ? Double.NaN : inPass ? fused.measuredRatio() : updateRatio(before, net.params());
                double rate = updater.getLearningRate(iteration - 1, epoch - 1);
                if (!Double.isFinite(loss)) {
                    listener.accept(new TrainingEvent.Iteration(epoch, s.epochs(), iteration, loss, seen + count, n,
                            rate, ratio));
                    throw new Failure("loss became " + (Double.isNaN(loss) ? "NaN" : "infinite") + " at epoch " + epoch
                            + ", iteration " + iteration + ": try a smaller learning rate", history);
                }
                lossSum += loss * count;
                seen += count;
                listener.accept(new TrainingEvent.Iteration(epoch, s.epochs(), iteration, loss, seen, n, rate, ratio));
            }
            long epochNanos = System.nanoTime() - epochStart; // the whole loop: batches, fits, listener calls
            net.incrementEpochCount(); // fit(DataSet) does not count epochs, and the learning-rate schedule needs them
            FastAdam.flush(net); // the updater state into DL4J's arrays, as a saved model or checkpoint reads them
            double[] val = validation.size() > 0 ? evaluate(net, batches, validation) : new double[] {Double.NaN, Double.NaN};
            double trainLoss = lossSum / seen;
            EpochMetrics m = new EpochMetrics(epoch, trainLoss, val[0], val[1], seen / (epochNanos / 1e9),
                    (System.nanoTime() - started) / 1_000_000);
            history.add(m);
            listener.accept(new TrainingEvent.EpochEnded(m));
            if (earlyStopping) {
                double monitored = validation.size() > 0 ? val[0] : trainLoss;
                if (monitored < bestLoss) {
                    bestLoss = monitored;
                    bestParams = net.params().dup();
                    sinceBest = 0;
                } else if (++sinceBest >= s.earlyStoppingPatience()) {
                    outcome = TrainingResult.Outcome.STOPPED_EARLY;
                    break;
                }
            }
        }
        FastLayers.releaseTrainingBuffers(net);
        FastAdam.release(net); // its state into DL4J's arrays (a run stopped mid-epoch too), its arrays for the next run
        if (bestParams != null) net.setParams(bestParams); // early stopping keeps the best epoch's weights
        return new TrainingResult(outcome, history, Optional.of(model), "");
    }

    /** ‖after − before‖ / ‖before‖; consumes {@code before}. */
    private static double updateRatio(INDArray before, INDArray after) {
        double size = before.norm2Number().doubleValue();
        double step = before.subi(after).norm2Number().doubleValue();
        return size > 0 ? step / size : Double.NaN;
    }

    private void waitWhilePaused() throws InterruptedException {
        if (!paused) return;
        synchronized (pauseLock) {
            while (paused && !stopRequested) pauseLock.wait();
        }
    }

    /** Mean validation loss and accuracy (NaN when the network reconstructs rather than classifies). */
    private static double[] evaluate(ComputationGraph net, Batches batches, Rows validation) {
        int n = validation.size();
        int[] identity = permutation(n, null);
        double lossSum = 0;
        int correct = 0;
        for (int from = 0; from < n; from += EVALUATION_BATCH) {
            int count = Math.min(EVALUATION_BATCH, n - from);
            DataSet batch = batches.of(validation, identity, from, count);
            lossSum += net.score(batch, false) * count;
            if (batches.classifies()) {
                INDArray predicted = Nd4j.argMax(net.outputSingle(false, batch.getFeatures()), 1);
                for (int i = 0; i < count; i++) {
                    if (predicted.getInt(i) == validation.label(from + i)) correct++;
                }
            }
        }
        return new double[] {lossSum / n, batches.classifies() ? (double) correct / n : Double.NaN};
    }

    /** A seeded shuffle of 0..n-1, or the identity when {@code random} is null. */
    private static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        if (random != null) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
        }
        return p;
    }

    /** Some examples of a set, by index: a training or validation split that shares the set's feature values. */
    private record Rows(ExampleSet set, int[] index, float[] scaled) {
        Rows(ExampleSet set, int[] index) {
            this(set, index, null);
        }

        int size() { return index.length; }

        int label(int k) { return set.label(index[k]); }

        /**
         * The same rows with their features scaled once, in row order (the training rows: every epoch reads them all,
         * and scaling a batch costs more than copying it: MLP steps were 10% slower with the scaling per batch).
         */
        Rows scaledOnce(FittedScaling scaling) {
            int f = set.featureCount();
            float[] block = new float[index.length * f];
            float[] source = set.features();
            for (int k = 0; k < index.length; k++) System.arraycopy(source, index[k] * f, block, k * f, f);
            return new Rows(set, index, scaling.apply(block));
        }
    }

    /**
     * Turns rows of an example set into DL4J mini-batches: features gathered and scaled, in the input's layout;
     * targets as wanted. The rows are gathered in one reused array (ND4J copies it off-heap), so a batch leaves no
     * feature-sized garbage behind: a 512-example validation batch of digits alone would be a 1.6 MB array.
     */
    private static final class Batches {
        private final InputLayout layout;
        private final DataSignature.Target target;
        private final int classes;
        private final FittedScaling scaling;
        /** One staging array per batch length (full and last batch, for training and for evaluation). */
        private final java.util.Map<Integer, float[]> staging = new java.util.HashMap<>();
        /** The batches' native feature and target arrays, one per batch length, refilled for every batch. */
        private final java.util.Map<Integer, float[]> oneHots = new java.util.HashMap<>();
        private final java.util.Map<Integer, INDArray> xs = new java.util.HashMap<>();
        private final java.util.Map<Integer, INDArray> ys = new java.util.HashMap<>();

        Batches(InputLayout layout, DataSignature.Target target, int classes, FittedScaling scaling) {
            this.layout = layout;
            this.target = target;
            this.classes = classes;
            this.scaling = scaling;
        }

        boolean classifies() { return target == DataSignature.Target.LABELS; }

        DataSet of(Rows rows, int[] order, int from, int count) {
            int f = rows.set().featureCount();
            // Nd4j.create wants an array of exactly the batch's length: the last, shorter batch gets its own.
            float[] features = staging.computeIfAbsent(count * f, float[]::new);
            if (rows.scaled() != null) {
                float[] source = rows.scaled();
                for (int i = 0; i < count; i++) System.arraycopy(source, order[from + i] * f, features, i * f, f);
            } else {
                float[] source = rows.set().features();
                int[] index = rows.index();
                for (int i = 0; i < count; i++) System.arraycopy(source, index[order[from + i]] * f, features, i * f, f);
                scaling.apply(features);
            }
            INDArray x = reused(xs, count, count * f, () -> layout.wrap(features, count), features);
            INDArray y;
            if (classifies()) {
                float[] oneHot = oneHots.computeIfAbsent(count * classes, float[]::new);
                java.util.Arrays.fill(oneHot, 0f);
                for (int i = 0; i < count; i++) oneHot[i * classes + rows.label(order[from + i])] = 1f;
                y = reused(ys, count, count * classes, () -> Nd4j.create(oneHot, new long[] {count, classes}, 'c'), oneHot);
            } else {
                y = reused(ys, count, count * f, () -> Nd4j.create(features, new long[] {count, f}, 'c'), features);
            }
            return new DataSet(x, y);
        }

        /**
         * The batch's native array for this batch length, made once and then refilled in place: no native allocation
         * (and its later release) per batch. Sequences are rearranged by their layout and are made anew each time.
         */
        private INDArray reused(java.util.Map<Integer, INDArray> cache, int count, int length,
                java.util.function.Supplier<INDArray> make, float[] values) {
            INDArray a = cache.get(count);
            if (a == null || !NativeMatrix.supported(a) || !NativeMatrix.rowMajor(a)) {
                a = make.get();
                if (NativeMatrix.supported(a) && NativeMatrix.rowMajor(a)) cache.put(count, a);
                return a;
            }
            NativeMatrix.write(values, a, length);
            return a;
        }
    }

    /** A failure with a message for the student, carrying the epochs finished before it. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<EpochMetrics> epochs;

        Failure(String message, List<EpochMetrics> epochs) {
            super(message, null, false, false);
            this.epochs = List.copyOf(epochs);
        }
    }
}
