package org.perceptrix.train;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import org.perceptrix.graph.Severity;

/**
 * Watches one session's {@link TrainingEvent}s and raises {@link Notice}s a student can act on: a loss that became
 * NaN or exploded, a loss that does not go down, validation loss rising while training loss falls (overfitting), and a
 * learning rate far off, judged by the update-to-parameter ratio ‖Δθ‖/‖θ‖ (healthy: about 1e-3). Each kind of notice
 * is raised at most once. Feed it from the session's listener; it is not thread-safe and keeps no ND4J state.
 */
public final class TrainingDiagnostics implements Consumer<TrainingEvent> {
    /** Smoothed loss above this multiple of the first loss counts as exploding. */
    static final double EXPLODING_FACTOR = 3;
    /** Iterations to wait before judging whether the loss goes down at all. */
    static final int FLAT_AFTER_ITERATIONS = 100;
    /** Iterations averaged for the loss at the start and recently. */
    static final int LOSS_WINDOW = 20;
    /** The recent loss must be at least this fraction below the starting loss. */
    static final double MIN_IMPROVEMENT = 0.01;
    /** Epochs in a row of rising validation loss with falling training loss that count as overfitting. */
    static final int OVERFITTING_EPOCHS = 2;
    /**
     * Update-ratio bounds, the median of the last {@link #RATIO_SAMPLES} measurements. Measured on MNIST: Adam at
     * 0.001–0.01 and SGD at 0.1 give 4e-3 to 3e-2; SGD at 1.0 above 4e-2; Adam at 1e-5 about 6e-5.
     */
    static final double RATIO_TOO_HIGH = 3e-2;
    static final double RATIO_TOO_LOW = 1e-4;
    static final int RATIO_SAMPLES = 3;
    private static final double SMOOTHING = 0.3;

    private final Consumer<Notice> sink;
    private final List<Notice> notices = new ArrayList<>();
    private final Set<Notice.Kind> raised = EnumSet.noneOf(Notice.Kind.class);
    private final double[] firstLosses = new double[LOSS_WINDOW];
    private final double[] recentLosses = new double[LOSS_WINDOW];
    private final List<Double> ratios = new ArrayList<>();
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private int iterations;
    private double firstLoss = Double.NaN;
    private double smoothed = Double.NaN;
    private int lastEpoch;
    private int lastIteration;

    /** Diagnostics that hand every new notice to {@code sink} (on the session's thread). */
    public TrainingDiagnostics(Consumer<Notice> sink) {
        this.sink = sink;
    }

    /** Diagnostics that only collect their notices. */
    public TrainingDiagnostics() {
        this(n -> { });
    }

    /** The notices raised so far, oldest first. */
    public List<Notice> notices() { return List.copyOf(notices); }

    @Override
    public void accept(TrainingEvent event) {
        if (event instanceof TrainingEvent.Iteration it) {
            iteration(it);
        } else if (event instanceof TrainingEvent.EpochEnded e) {
            epoch(e.metrics());
        }
    }

    private void iteration(TrainingEvent.Iteration it) {
        lastEpoch = it.epoch();
        lastIteration = it.iteration();
        double loss = it.loss();
        if (!Double.isFinite(loss)) {
            raise(Severity.ERROR, Notice.Kind.LOSS_NOT_A_NUMBER, Double.isNaN(loss) ? "NaN" : "∞",
                    number(it.learningRate()));
            return;
        }
        if (iterations < LOSS_WINDOW) firstLosses[iterations] = loss;
        recentLosses[iterations % LOSS_WINDOW] = loss;
        iterations++;
        if (iterations == 1) {
            firstLoss = loss;
            smoothed = loss;
        } else {
            smoothed = SMOOTHING * loss + (1 - SMOOTHING) * smoothed;
        }
        if (iterations >= 3 && smoothed > EXPLODING_FACTOR * firstLoss) {
            raise(Severity.WARNING, Notice.Kind.LOSS_EXPLODING, number(firstLoss), number(smoothed));
        }
        if (iterations >= FLAT_AFTER_ITERATIONS) {
            double start = Arrays.stream(firstLosses).average().orElse(Double.NaN);
            double recent = Arrays.stream(recentLosses).average().orElse(Double.NaN);
            if (recent > start * (1 - MIN_IMPROVEMENT)) {
                raise(Severity.WARNING, Notice.Kind.LOSS_NOT_DECREASING, iterations, number(start), number(recent));
            }
        }
        if (it.hasUpdateRatio()) ratio(it);
    }

    private void ratio(TrainingEvent.Iteration it) {
        ratios.add(it.updateRatio());
        if (ratios.size() < RATIO_SAMPLES) return;
        double[] last = ratios.subList(ratios.size() - RATIO_SAMPLES, ratios.size()).stream()
                .mapToDouble(Double::doubleValue).sorted().toArray();
        double median = last[last.length / 2];
        if (median > RATIO_TOO_HIGH) {
            raise(Severity.WARNING, Notice.Kind.LEARNING_RATE_TOO_HIGH, number(median), number(it.learningRate()));
        } else if (median < RATIO_TOO_LOW && !raised.contains(Notice.Kind.LOSS_EXPLODING)) {
            // After an explosion the weights are huge (or their units dead), so updates look tiny next to them:
            // "raise the learning rate" would contradict the advice just given.
            raise(Severity.WARNING, Notice.Kind.LEARNING_RATE_TOO_LOW, number(median), number(it.learningRate()));
        }
    }

    private void epoch(EpochMetrics m) {
        lastEpoch = m.epoch();
        epochs.add(m);
        int n = epochs.size();
        if (n <= OVERFITTING_EPOCHS) return;
        for (int i = n - OVERFITTING_EPOCHS; i < n; i++) {
            EpochMetrics before = epochs.get(i - 1);
            EpochMetrics now = epochs.get(i);
            boolean validationRises = now.validationLoss() > before.validationLoss();
            boolean trainingFalls = now.trainLoss() < before.trainLoss();
            if (!(validationRises && trainingFalls)) return; // NaN (no validation set) also ends up here
        }
        EpochMetrics best = epochs.stream().min(java.util.Comparator.comparingDouble(EpochMetrics::validationLoss))
                .orElseThrow();
        raise(Severity.WARNING, Notice.Kind.OVERFITTING, best.epoch(), number(best.validationLoss()),
                number(m.validationLoss()));
    }

    private void raise(Severity severity, Notice.Kind kind, Object... args) {
        if (!raised.add(kind)) return;
        Notice notice = new Notice(severity, kind, List.of(args), lastEpoch, lastIteration);
        notices.add(notice);
        sink.accept(notice);
    }

    /** Numbers as text, so that MessageFormat neither rounds 2e-5 to 0 nor groups digits. */
    private static String number(double v) {
        if (Double.isNaN(v)) return "?";
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e4) ? String.format(Locale.ROOT, "%.1e", v)
                : new BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }
}
