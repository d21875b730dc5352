package org.perceptrix.ui.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.perceptrix.compile.LearningRateSchedule;
import org.perceptrix.compile.Optimizer;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.i18n.Messages;
import org.perceptrix.project.RunRecord;
import org.perceptrix.graph.Severity;
import org.perceptrix.train.EpochMetrics;
import org.perceptrix.train.Notice;
import org.perceptrix.train.TrainingEvent;
import org.perceptrix.ui.DesignerViewModel;
import org.perceptrix.ui.TaskRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The training panel's view model without the FX thread: settings edits, curves, CSV, history. */
class TrainingViewModelTest {
    private DesignerViewModel designer;
    private TrainingViewModel vm;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.ENGLISH);
        designer = new DesignerViewModel(org.perceptrix.ui.StarterProjects.load("lenet"), null, TaskRunner.synchronous());
        vm = TrainingViewModel.forApp(designer, Runnable::run, TaskRunner.synchronous());
    }

    @Test
    void typedSettingChangesTheProjectAndUndoPutsItBack() {
        double before = vm.settings().learningRate();
        assertThat(vm.set(SettingField.LEARNING_RATE, "0.05")).isEmpty();
        assertThat(designer.snapshot().training().learningRate()).isEqualTo(0.05);
        assertThat(designer.jobs().isDirty()).isTrue();
        assertThat(designer.jobs().undoDescription()).isEqualTo("change Learning rate");
        designer.undo();
        assertThat(vm.settings().learningRate()).isEqualTo(before);
        designer.redo();
        assertThat(vm.settings().learningRate()).isEqualTo(0.05);
    }

    @Test
    void outOfRangeOrNonNumericValuesAreRefusedWithAReasonAndChangeNothing() {
        TrainingSettings before = vm.settings();
        assertThat(vm.set(SettingField.LEARNING_RATE, "abc")).hasValueSatisfying(m -> assertThat(m).contains("abc"));
        assertThat(vm.set(SettingField.DROPOUT, "1.5")).isPresent();
        assertThat(vm.set(SettingField.EPOCHS, "2.5")).isPresent();
        assertThat(vm.settings()).isEqualTo(before);
        assertThat(designer.jobs().canUndoProperty().get()).isFalse();
    }

    @Test
    void choicesAndScheduleAreUndoableToo() {
        TrainingSettings before = vm.settings();
        vm.setOptimizer(Optimizer.SGD);
        vm.setSchedule(LearningRateSchedule.STEP);
        assertThat(before.schedule()).isNotEqualTo(LearningRateSchedule.STEP);
        assertThat(vm.set(SettingField.DECAY_EPOCHS, "7")).isEmpty();
        assertThat(vm.settings().optimizer()).isEqualTo(Optimizer.SGD);
        assertThat(vm.settings().schedule()).isEqualTo(LearningRateSchedule.STEP);
        assertThat(vm.settings().decayEpochs()).isEqualTo(7);
        designer.undo();
        designer.undo();
        assertThat(vm.settings().schedule()).isEqualTo(before.schedule());
        designer.undo();
        assertThat(vm.settings()).isEqualTo(before);
    }

    @Test
    void restoringARunsSettingsIsOneUndoableStep() {
        TrainingSettings now = vm.settings();
        TrainingSettings old = now.withBatchSize(now.batchSize() + 1).withEpochs(7);
        RunRecord run = new RunRecord("r1", "2026-01-01T00:00:00Z", old, List.of(), Double.NaN, "", "finished");
        vm.restore(run);
        assertThat(vm.settings()).isEqualTo(old);
        designer.undo();
        assertThat(vm.settings()).isEqualTo(now);
    }

    @Test
    void eventsBecomeCurvesAndProgressOnlyWhenFlushed() {
        feedOneEpoch();
        assertThat(vm.loss().size()).isZero();
        vm.flush();
        assertThat(vm.loss().size()).isEqualTo(4);
        assertThat(vm.loss().x(1)).isCloseTo(0.5, within(1e-9));
        assertThat(vm.smoothedLoss().y(0)).isCloseTo(2.0, within(1e-9)); // bias-corrected: first value is the loss
        assertThat(vm.validationAccuracy().y(0)).isEqualTo(0.8);
        assertThat(vm.iterationsProperty().get()).isEqualTo(4);
        assertThat(vm.progressProperty().get()).isCloseTo(0.5, within(1e-9));
        assertThat(vm.learningRate().y(0)).isEqualTo(vm.settings().learningRate());
    }

    @Test
    void csvHasOneRowPerRecordedValue() {
        feedOneEpoch();
        vm.flush();
        List<String> lines = vm.metricsCsv().lines().toList();
        assertThat(lines.get(0)).isEqualTo("series,iteration,epoch,value");
        assertThat(lines).contains("loss,1,0.250000,2.0000000", "loss,4,1.00000,1.2000000".replace("1.00000", "1.000000"),
                "validation_loss,,1.000000,1.1000000", "validation_accuracy,,1.000000,0.80000000",
                "epoch_training_loss,,1.000000,1.5000000");
        assertThat(lines.stream().filter(l -> l.startsWith("smoothed_loss,"))).hasSize(4);
        assertThat(lines.stream().filter(l -> l.startsWith("learning_rate,"))).hasSize(4);
        assertThat(lines).hasSize(1 + 4 * 3 + 3);
    }

    @Test
    void csvExportWritesTheFile(@TempDir Path dir) throws Exception {
        feedOneEpoch();
        vm.flush();
        Path f = dir.resolve("m.csv");
        vm.exportCsv(f);
        assertThat(Files.readString(f)).isEqualTo(vm.metricsCsv());
        assertThat(vm.messageProperty().get()).contains("m.csv");
    }

    @Test
    void anInvalidNetworkCannotTrainAndSaysWhy() {
        assertThat(vm.canTrainProperty().get()).isTrue();
        designer.replaceGraph(new org.perceptrix.graph.NetworkGraph(), "empty");
        assertThat(vm.canTrainProperty().get()).isFalse();
        assertThat(vm.blockedReasonProperty().get()).startsWith("Train is off");
        vm.train();
        assertThat(vm.state()).isEqualTo(TrainingViewModel.State.IDLE);
    }

    @Test
    void pastRunsFromTheFileOverlayTheirPerEpochLoss() {
        RunRecord run = new RunRecord("r1", "t", vm.settings(),
                List.of(new EpochMetrics(1, 0.9, 0.8, 0.7, 100, 1000), new EpochMetrics(2, 0.5, 0.6, 0.8, 100, 2000)),
                0.81, "", "finished");
        TrainingViewModel.RunCurves c = vm.curves(run);
        assertThat(c.loss().size()).isEqualTo(2);
        assertThat(c.validationAccuracy().y(1)).isEqualTo(0.8);
    }

    @Test
    void modelFilesGetUniqueNamesUnderTheProjectFolder(@TempDir Path dir) throws Exception {
        Path first = TrainingViewModel.modelFile(dir.resolve("net.json"), "My net");
        assertThat(first.getParent()).isEqualTo(dir.resolve("models"));
        assertThat(first.getFileName().toString()).startsWith("My-net-").endsWith(".zip");
        Files.createDirectories(first.getParent());
        Files.createFile(first);
        assertThat(TrainingViewModel.modelFile(dir.resolve("net.json"), "My net")).isNotEqualTo(first);
    }

    @Test
    void learningRatesFollowTheSchedule() {
        TrainingSettings s = TrainingSettings.defaults().withLearningRate(0.1).withEpochs(10);
        assertThat(LearningRates.at(s.withSchedule(LearningRateSchedule.STEP, 0.5, 2), 3)).isCloseTo(0.05, within(1e-12));
        assertThat(LearningRates.at(s.withSchedule(LearningRateSchedule.COSINE, 0.5, 2), 1)).isCloseTo(0.1, within(1e-12));
        assertThat(LearningRates.at(s.withSchedule(LearningRateSchedule.EXPONENTIAL, 0.5, 2), 3)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void aNaNLossBecomesAnErrorNoticeOnlyWhenFlushed() {
        vm.accept(new TrainingEvent.Iteration(1, 2, 1, 2.3, 25, 100, 50, Double.NaN));
        vm.accept(new TrainingEvent.Iteration(1, 2, 2, Double.NaN, 50, 100, 50, Double.NaN));
        assertThat(vm.notices()).isEmpty();

        vm.flush();

        assertThat(vm.notices()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notice.Kind.LOSS_NOT_A_NUMBER);
            assertThat(n.severity()).isEqualTo(Severity.ERROR);
            assertThat(n.iteration()).isEqualTo(2);
            assertThat(n.message()).contains("NaN").contains("50");
            assertThat(n.advice()).isNotBlank();
        });
    }

    @Test
    void overfittingAndAHighLearningRateAreNoticedNewestFirst() {
        // update ratios far above 1e-3: the learning rate is too high
        for (int i = 1; i <= 3; i++) vm.accept(new TrainingEvent.Iteration(1, 4, i, 2.0 - 0.1 * i, 25 * i, 100, 0.5, 0.2));
        vm.flush();
        assertThat(vm.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.LEARNING_RATE_TOO_HIGH);
        // training loss falls while validation loss rises for two epochs in a row
        double[][] epochs = {{1.0, 0.50}, {0.8, 0.55}, {0.6, 0.60}};
        for (int e = 0; e < epochs.length; e++) {
            vm.accept(new TrainingEvent.EpochEnded(new EpochMetrics(e + 1, epochs[e][0], epochs[e][1], 0.9, 10, 100)));
        }
        vm.flush();
        assertThat(vm.notices()).extracting(Notice::kind)
                .containsExactly(Notice.Kind.OVERFITTING, Notice.Kind.LEARNING_RATE_TOO_HIGH);
        assertThat(vm.notices().get(0).advice()).containsIgnoringCase("dropout");
    }

    @Test
    void aNewRunClearsTheLastRunsNotices() throws Exception {
        java.util.concurrent.CountDownLatch loading = new java.util.concurrent.CountDownLatch(1);
        TrainingViewModel vm = new TrainingViewModel(designer, (p, base) -> {
            loading.countDown();
            throw new IllegalStateException("no data in this test");
        }, Runnable::run, TaskRunner.synchronous());
        vm.accept(new TrainingEvent.Iteration(1, 1, 1, Double.POSITIVE_INFINITY, 25, 100));
        vm.flush();
        assertThat(vm.notices()).hasSize(1);

        vm.train();

        assertThat(vm.notices()).isEmpty();
        assertThat(loading.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    /** Half of a 2-epoch run: 4 iterations of 25 examples, then the epoch's metrics. */
    private void feedOneEpoch() {
        double[] losses = {2.0, 1.6, 1.3, 1.2};
        for (int i = 0; i < 4; i++) {
            vm.accept(new TrainingEvent.Iteration(1, 2, i + 1, losses[i], 25 * (i + 1), 100));
        }
        vm.accept(new TrainingEvent.EpochEnded(new EpochMetrics(1, 1.5, 1.1, 0.8, 500, 200)));
    }
}
