package org.perceptrix.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.perceptrix.graph.LayerType.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.perceptrix.compile.Optimizer;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.compile.WeightInit;
import org.perceptrix.data.DataLoader;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.data.Scaling;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.GraphSketch;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.graph.Severity;

class TrainingDiagnosticsTest {
    private static final ExampleSet DIGITS = DataLoader.bundledMnist().train().head(640);
    private static final NetworkGraph MLP = GraphSketch.start(VECTOR_INPUT).then(DENSE, "units", 32).then(OUTPUT).graph();

    private static TrainingEvent.Iteration it(int i, double loss) {
        return new TrainingEvent.Iteration(1, 1, i, loss, i, 1000, 0.001, Double.NaN);
    }

    private static TrainingEvent.Iteration ratio(int i, double loss, double ratio) {
        return new TrainingEvent.Iteration(1, 1, i, loss, i, 1000, 0.001, ratio);
    }

    private static TrainingEvent epoch(int e, double train, double validation) {
        return new TrainingEvent.EpochEnded(new EpochMetrics(e, train, validation, 0.9, 1000, 1000L * e));
    }

    private static List<Notice.Kind> kinds(TrainingDiagnostics d) {
        return d.notices().stream().map(Notice::kind).toList();
    }

    @Test
    void aHealthyRunRaisesNothing() {
        TrainingDiagnostics d = new TrainingDiagnostics();
        for (int i = 1; i <= 300; i++) d.accept(i % 10 == 0 ? ratio(i, 2.3 * Math.exp(-i / 100.0), 2e-3) : it(i, 2.3 * Math.exp(-i / 100.0)));
        for (int e = 1; e <= 5; e++) d.accept(epoch(e, 1.0 / e, 1.2 / e));

        assertThat(d.notices()).isEmpty();
    }

    @Test
    void aNaNLossIsAnErrorWithAdvice() {
        List<Notice> sunk = new ArrayList<>();
        TrainingDiagnostics d = new TrainingDiagnostics(sunk::add);
        d.accept(it(1, 2.3));
        d.accept(it(2, Double.NaN));

        assertThat(sunk).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notice.Kind.LOSS_NOT_A_NUMBER);
            assertThat(n.severity()).isEqualTo(Severity.ERROR);
            assertThat(n.iteration()).isEqualTo(2);
            assertThat(n.message(Locale.ENGLISH)).contains("NaN", "0.001");
            assertThat(n.advice(Locale.ENGLISH)).contains("learning rate");
            assertThat(n.message(Locale.SIMPLIFIED_CHINESE)).contains("学习率");
        });
    }

    @Test
    void aLossThatGrowsFarAboveItsStartIsExploding() {
        TrainingDiagnostics d = new TrainingDiagnostics();
        double loss = 2.3;
        for (int i = 1; i <= 12; i++, loss *= 1.6) d.accept(it(i, loss));

        assertThat(kinds(d)).containsExactly(Notice.Kind.LOSS_EXPLODING);
        assertThat(d.notices().get(0).message(Locale.ENGLISH)).contains("started at 2.3");
    }

    @Test
    void noisyButFallingLossIsNotExploding() {
        TrainingDiagnostics d = new TrainingDiagnostics();
        for (int i = 1; i <= 200; i++) d.accept(it(i, i % 7 == 0 ? 0.9 : 0.05 + 2.0 / i));

        assertThat(d.notices()).isEmpty();
    }

    @Test
    void aFlatLossIsNoticedOnlyAfterEnoughIterations() {
        TrainingDiagnostics d = new TrainingDiagnostics();
        for (int i = 1; i < TrainingDiagnostics.FLAT_AFTER_ITERATIONS; i++) d.accept(it(i, 2.30 + 0.01 * (i % 3)));
        assertThat(d.notices()).isEmpty();

        d.accept(it(TrainingDiagnostics.FLAT_AFTER_ITERATIONS, 2.31));

        assertThat(kinds(d)).containsExactly(Notice.Kind.LOSS_NOT_DECREASING);
        assertThat(d.notices().get(0).message(Locale.ENGLISH)).contains("after 100 iterations");
    }

    @Test
    void validationLossRisingWhileTrainingLossFallsIsOverfitting() {
        TrainingDiagnostics d = new TrainingDiagnostics();
        d.accept(epoch(1, 0.50, 0.40));
        d.accept(epoch(2, 0.30, 0.30));
        d.accept(epoch(3, 0.20, 0.32));
        assertThat(d.notices()).isEmpty(); // one rise can be noise

        d.accept(epoch(4, 0.10, 0.36));

        assertThat(kinds(d)).containsExactly(Notice.Kind.OVERFITTING);
        Notice n = d.notices().get(0);
        assertThat(n.message(Locale.ENGLISH)).contains("since epoch 2", "0.3", "0.36");
        assertThat(n.advice(Locale.ENGLISH)).contains("dropout", "L2", "early stopping");
        assertThat(n.advice(Locale.SIMPLIFIED_CHINESE)).contains("Dropout", "L2", "早停");
    }

    @Test
    void bothLossesRisingIsNotOverfittingAndNoValidationSetIsIgnored() {
        TrainingDiagnostics d = new TrainingDiagnostics();
        for (int e = 1; e <= 4; e++) d.accept(epoch(e, 0.1 * e, 0.1 * e));
        for (int e = 5; e <= 9; e++) d.accept(epoch(e, 1.0 / e, Double.NaN));

        assertThat(d.notices()).isEmpty();
    }

    @Test
    void updateRatiosFarAboveOrBelowOneInAThousandFlagTheLearningRate() {
        TrainingDiagnostics high = new TrainingDiagnostics();
        TrainingDiagnostics low = new TrainingDiagnostics();
        for (int i = 1; i <= 3; i++) {
            high.accept(ratio(i * 10, 2.0, 0.2));
            low.accept(ratio(i * 10, 2.0, 3e-6));
        }

        assertThat(kinds(high)).containsExactly(Notice.Kind.LEARNING_RATE_TOO_HIGH);
        assertThat(kinds(low)).containsExactly(Notice.Kind.LEARNING_RATE_TOO_LOW);
        assertThat(low.notices().get(0).message(Locale.ENGLISH)).contains("3.0e-06", "0.001");
    }

    @Test
    void tinyUpdatesAfterTheLossExplodedAreNotCalledALowLearningRate() {
        TrainingDiagnostics d = new TrainingDiagnostics();
        double loss = 2.3;
        for (int i = 1; i <= 12; i++, loss *= 1.6) d.accept(it(i, loss));
        for (int i = 13; i <= 15; i++) d.accept(ratio(i, loss, 6e-5));

        assertThat(kinds(d)).containsExactly(Notice.Kind.LOSS_EXPLODING);
    }

    @Test
    void oneOddRatioIsNotEnough() {
        TrainingDiagnostics d = new TrainingDiagnostics();
        d.accept(ratio(10, 2.0, 0.5));
        d.accept(ratio(20, 2.0, 2e-3));
        d.accept(ratio(30, 2.0, 3e-3));

        assertThat(d.notices()).isEmpty();
    }

    @Test
    void aHugeLearningRateEndsInANaNNoticeInARealRun() {
        TrainingSettings huge = new TrainingSettings(Optimizer.SGD, 10, 0.9, 32, 3, 0, 0, 0, WeightInit.RELU, 1, 0.1, 0);
        NetworkGraph deep = GraphSketch.start(VECTOR_INPUT).then(DENSE, "units", 64).then(DENSE, "units", 64)
                .then(OUTPUT, "loss", "identity_mse").graph();
        TrainingDiagnostics d = new TrainingDiagnostics();

        TrainingResult r = new TrainingSession(new TrainingJob("nan", deep, DIGITS, Scaling.NONE,
                DataSignature.Target.LABELS, huge), d).run();

        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.FAILED);
        assertThat(kinds(d)).contains(Notice.Kind.LOSS_NOT_A_NUMBER);
    }

    @Test
    void aTinyLearningRateIsCalledTooLowInARealRun() {
        TrainingSettings tiny = TrainingSettings.defaults().withLearningRate(1e-6).withBatchSize(32).withEpochs(2);
        TrainingDiagnostics d = new TrainingDiagnostics();

        new TrainingSession(new TrainingJob("slow", MLP, DIGITS, Scaling.MIN_MAX, DataSignature.Target.LABELS, tiny), d).run();

        assertThat(kinds(d)).containsExactly(Notice.Kind.LEARNING_RATE_TOO_LOW);
    }

    @Test
    void aGoodLearningRateRaisesNothingInARealRun() {
        TrainingDiagnostics d = new TrainingDiagnostics();

        new TrainingSession(new TrainingJob("ok", MLP, DIGITS, Scaling.MIN_MAX, DataSignature.Target.LABELS,
                TrainingSettings.defaults().withBatchSize(32).withEpochs(2)), d).run();

        assertThat(d.notices()).isEmpty();
    }
}
