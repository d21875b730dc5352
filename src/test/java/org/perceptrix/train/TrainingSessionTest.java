package org.perceptrix.train;

import org.perceptrix.compile.WeightInit;
import org.perceptrix.compile.Optimizer;
import org.perceptrix.compile.TrainingSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.perceptrix.graph.LayerType.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.perceptrix.data.DataLoader;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.data.Scaling;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.GraphSketch;
import org.perceptrix.graph.NetworkGraph;

class TrainingSessionTest {
    private static final ExampleSet DIGITS = DataLoader.bundledMnist().train().head(640);
    private static final NetworkGraph MLP = GraphSketch.start(VECTOR_INPUT).then(DENSE, "units", 32).then(OUTPUT).graph();

    private static TrainingJob job(TrainingSettings settings) {
        return new TrainingJob("mlp", MLP, DIGITS, Scaling.MIN_MAX, DataSignature.Target.LABELS, settings);
    }

    private static TrainingSettings settings(int epochs) {
        return TrainingSettings.defaults().withEpochs(epochs).withBatchSize(32);
    }

    @Test
    void reportsEveryIterationAndEpochThenEnds() {
        List<TrainingEvent> events = new ArrayList<>();

        TrainingResult r = new TrainingSession(job(settings(2)), events::add).run();

        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.FINISHED);
        assertThat(r.epochs()).hasSize(2);
        // 640 examples, 10% validation → 576 training examples → 18 batches of 32 per epoch
        assertThat(events.stream().filter(e -> e instanceof TrainingEvent.Iteration)).hasSize(36);
        assertThat(events.stream().filter(e -> e instanceof TrainingEvent.EpochEnded)).hasSize(2);
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Ended.class);
        EpochMetrics last = r.epochs().get(1);
        assertThat(last.trainLoss()).isLessThan(r.epochs().get(0).trainLoss());
        assertThat(last.validationAccuracy()).isBetween(0.5, 1.0);
        assertThat(last.validationLoss()).isFinite();
        assertThat(r.model()).isPresent();
    }

    @Test
    void sameSeedGivesTheSameNumbers() {
        TrainingResult a = new TrainingSession(job(settings(1)), e -> { }).run();
        TrainingResult b = new TrainingSession(job(settings(1)), e -> { }).run();

        assertThat(b.epochs().get(0).trainLoss()).isEqualTo(a.epochs().get(0).trainLoss());
        assertThat(b.epochs().get(0).validationLoss()).isEqualTo(a.epochs().get(0).validationLoss());
    }

    @Test
    void nanLossStopsWithAPlainExplanation() {
        TrainingSettings huge = new TrainingSettings(Optimizer.SGD, 10, 0.9, 32, 3, 0, 0, 0, WeightInit.RELU, 1, 0.1, 0);
        NetworkGraph deep = GraphSketch.start(VECTOR_INPUT).then(DENSE, "units", 64).then(DENSE, "units", 64)
                .then(OUTPUT, "loss", "identity_mse").graph();
        TrainingJob j = new TrainingJob("nan", deep, DIGITS, Scaling.NONE, DataSignature.Target.LABELS, huge);

        TrainingResult r = new TrainingSession(j, e -> { }).run();

        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.FAILED);
        assertThat(r.message()).matches("loss became (NaN|infinite) at epoch \\d+, iteration \\d+: try a smaller learning rate");
    }

    @Test
    void earlyStoppingWithAGentleRateStopsOnceValidationLossStallsAndRestoresTheBest() {
        TrainingSettings s = TrainingSettings.defaults().withEpochs(40).withBatchSize(32).withEarlyStoppingPatience(2);

        TrainingResult r = new TrainingSession(job(s), e -> { }).run();

        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.STOPPED_EARLY);
        double best = r.epochs().stream().mapToDouble(EpochMetrics::validationLoss).min().orElseThrow();
        int bestEpoch = r.epochs().stream().filter(m -> m.validationLoss() == best).findFirst().orElseThrow().epoch();
        assertThat(r.epochs()).hasSize(bestEpoch + 2);
    }

    @Test
    void stopEndsWithinOneIterationAndKeepsTheModel() throws Exception {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingSession[] session = new TrainingSession[1];
        session[0] = new TrainingSession(job(settings(50)), e -> {
            events.add(e);
            if (e instanceof TrainingEvent.Iteration it && it.iteration() == 5) session[0].stop();
        });

        TrainingResult r = session[0].start().get(30, TimeUnit.SECONDS);

        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.CANCELLED);
        assertThat(events.stream().filter(e -> e instanceof TrainingEvent.Iteration)).hasSize(5);
        assertThat(r.model()).isPresent();
    }

    @Test
    void pauseHoldsUntilResumed() throws Exception {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingSession[] session = new TrainingSession[1];
        session[0] = new TrainingSession(job(settings(1)), e -> {
            events.add(e);
            if (e instanceof TrainingEvent.Iteration it && it.iteration() == 3) session[0].pause();
        });

        var future = session[0].start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!session[0].isPaused() && System.nanoTime() < deadline) Thread.sleep(10); // ND4J may start slowly
        Thread.sleep(500);
        long iterationsWhilePaused = events.stream().filter(e -> e instanceof TrainingEvent.Iteration).count();
        assertThat(session[0].isPaused()).isTrue();
        assertThat(future).isNotDone();
        session[0].resume();
        TrainingResult r = future.get(30, TimeUnit.SECONDS);

        assertThat(iterationsWhilePaused).isEqualTo(3);
        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.FINISHED);
    }

    @Test
    void theLearningRateFollowsItsScheduleEpochByEpoch() {
        TrainingSettings s = settings(3).withLearningRate(0.01)
                .withSchedule(org.perceptrix.compile.LearningRateSchedule.STEP, 0.5, 1);

        TrainingResult r = new TrainingSession(job(s), e -> { }).run();

        // three epochs counted: the rate has been halved three times
        assertThat(r.model().orElseThrow().network().getLearningRate("dense1")).isCloseTo(0.00125, within(1e-9));
    }

    @Test
    void invalidNetworkForTheDataFailsWithTheProblemInWords() {
        NetworkGraph wrong = GraphSketch.start(VECTOR_INPUT).then(OUTPUT, "units", 3).graph();
        TrainingJob j = new TrainingJob("wrong", wrong, DIGITS, Scaling.MIN_MAX, DataSignature.Target.LABELS, settings(1));

        TrainingResult r = new TrainingSession(j, e -> { }).run();

        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.FAILED);
        assertThat(r.message()).isEqualTo("Output 'out1' has 3 classes but the data has 10.");
    }

    @Test
    void iterationsCarryTheLearningRateAndEveryTenthTheUpdateRatio() {
        List<TrainingEvent.Iteration> its = new ArrayList<>();
        TrainingSettings s = settings(2).withSchedule(org.perceptrix.compile.LearningRateSchedule.STEP, 0.5, 1);

        new TrainingSession(job(s), e -> {
            if (e instanceof TrainingEvent.Iteration it) its.add(it);
        }).run();

        assertThat(its.get(0).learningRate()).isEqualTo(0.001);
        assertThat(its.get(its.size() - 1).learningRate()).isEqualTo(0.0005);
        for (TrainingEvent.Iteration it : its) {
            if (it.iteration() % TrainingSession.UPDATE_RATIO_INTERVAL == 0) {
                assertThat(it.updateRatio()).as("iteration %d", it.iteration()).isBetween(1e-4, 1e-1);
            } else {
                assertThat(it.hasUpdateRatio()).isFalse();
            }
        }
    }

    @Test
    void anExplicitValidationSetReplacesTheSplit() {
        ExampleSet held = DataLoader.bundledMnist().train().subset(java.util.stream.IntStream.range(1000, 1100).toArray());
        List<TrainingEvent.Iteration> its = new ArrayList<>();

        TrainingResult r = new TrainingSession(job(settings(1)).withFold(DIGITS, held), e -> {
            if (e instanceof TrainingEvent.Iteration it) its.add(it);
        }).run();

        assertThat(its.get(0).examplesPerEpoch()).isEqualTo(640); // all of DIGITS trains
        assertThat(r.epochs().get(0).validationAccuracy() * 100).isCloseTo(Math.rint(r.epochs().get(0).validationAccuracy() * 100), within(1e-9));
    }
}
