package org.perceptrix.ui.search;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.i18n.Messages;
import org.perceptrix.train.SearchGrid;
import org.perceptrix.train.SearchResult;
import org.perceptrix.ui.DesignerViewModel;
import org.perceptrix.ui.StarterProjects;
import org.perceptrix.ui.TaskRunner;
import org.perceptrix.ui.search.SearchViewModel.Parameter;
import org.perceptrix.ui.search.SearchViewModel.State;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The grid search's view model without the FX thread: reading the values, a real tiny search, apply best, stop. */
class SearchViewModelTest {
    /** Stands in for the FX thread: what the search hands back runs when the test drains it. */
    private final BlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
    private DesignerViewModel designer;
    private SearchViewModel vm;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.ENGLISH);
        designer = new DesignerViewModel(StarterProjects.load("mlp"), null, TaskRunner.synchronous());
        designer.changeTraining(designer.training().withEpochs(1), "epochs");
        vm = SearchViewModel.forApp(designer, fx::add);
    }

    @Test
    void valuesAreReadWithCommasOrSpacesIntoTheGrid() {
        vm.valuesProperty(Parameter.LEARNING_RATE).set(" 0.001, 0.01 ");
        vm.valuesProperty(Parameter.BATCH_SIZE).set("16 32");

        SearchGrid grid = vm.grid();

        assertThat(grid.values()).containsExactly(java.util.Map.entry("lr", List.of(0.001, 0.01)),
                java.util.Map.entry("batch", List.of(16.0, 32.0)));
        assertThat(grid.size()).isEqualTo(4);
    }

    @Test
    void badValuesAreRefusedWithAOneLineReasonNamingTheSetting() {
        assertThatThrownBy(() -> SearchViewModel.parseValues(Parameter.LEARNING_RATE, "0.01, abc"))
                .hasMessageStartingWith("Learning rate: “abc” is not allowed.");
        assertThatThrownBy(() -> SearchViewModel.parseValues(Parameter.BATCH_SIZE, "16.5"))
                .hasMessageStartingWith("Batch size: “16.5” is not allowed.");
        assertThatThrownBy(() -> SearchViewModel.parseValues(Parameter.DROPOUT, "0.2, 1.5"))
                .hasMessageContaining("“1.5”");
        assertThatThrownBy(() -> SearchViewModel.parseValues(Parameter.L2, "0.001, 0.001"))
                .hasMessage("L2 (weight decay): “0.001” is listed twice.");
        assertThatThrownBy(() -> vm.grid()).hasMessageStartingWith("Type at least one value");
    }

    @Test
    void aBadGridOrAMissingValidationSplitDoesNotStartAndSaysWhy() {
        vm.valuesProperty(Parameter.EPOCHS).set("1, two");
        vm.start();
        assertThat(vm.state()).isEqualTo(State.IDLE);
        assertThat(vm.messageProperty().get()).startsWith("Epochs: “two” is not allowed.");

        vm.valuesProperty(Parameter.EPOCHS).set("1");
        designer.changeTraining(new TrainingSettings(designer.training().optimizer(), 0.001, 0.9, 32, 1, 0, 0, 0,
                designer.training().weightInit(), 1, 0, 0), "no validation");
        vm.crossValidationProperty().set(false);
        vm.start();
        assertThat(vm.state()).isEqualTo(State.IDLE);
        assertThat(vm.messageProperty().get()).startsWith("Hold-out needs a validation split");
    }

    @Test
    void aTwoByTwoSearchWithTwoFoldsGivesOneRowPerSettingAndApplyBestIsUndoable() throws Exception {
        vm.valuesProperty(Parameter.LEARNING_RATE).set("0.001, 0.01");
        vm.valuesProperty(Parameter.BATCH_SIZE).set("16, 32");
        vm.foldsProperty().set(2);
        vm.limitProperty().set(120);
        TrainingSettings before = designer.training();

        vm.start();
        drainUntilIdle(120);

        assertThat(vm.layoutProperty().get().parameters()).containsExactly(Parameter.LEARNING_RATE, Parameter.BATCH_SIZE);
        assertThat(vm.results()).hasSize(4).allSatisfy(r -> {
            assertThat(r.folds()).hasSize(2);
            assertThat(r.succeeded()).isTrue();
        });
        SearchResult.SettingResult best = vm.bestProperty().get();
        assertThat(vm.results()).allSatisfy(r -> assertThat(best.mean()).isGreaterThanOrEqualTo(r.mean()));
        assertThat(vm.messageProperty().get()).startsWith("Search finished: best ");
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);

        vm.applyBest();
        assertThat(designer.training().learningRate()).isEqualTo(best.values().get("lr"));
        assertThat((double) designer.training().batchSize()).isEqualTo(best.values().get("batch"));
        assertThat(designer.training().epochs()).isEqualTo(1);
        designer.undo();
        assertThat(designer.training()).isEqualTo(before);
    }

    @Test
    void stopEndsTheSearchAndKeepsWhatFinished() throws Exception {
        vm.valuesProperty(Parameter.LEARNING_RATE).set("0.001, 0.002, 0.003, 0.004, 0.005, 0.006");
        vm.crossValidationProperty().set(false);
        vm.limitProperty().set(2000);
        vm.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (vm.state() != State.RUNNING || vm.progressProperty().get() <= 0) {
            drainOnce();
            assertThat(System.nanoTime()).isLessThan(deadline);
        }

        vm.stop();
        assertThat(vm.state()).isEqualTo(State.STOPPING);
        drainUntilIdle(30);

        assertThat(vm.results().size()).isLessThan(6);
        assertThat(vm.messageProperty().get()).startsWith("Search stopped");
        assertThat(vm.stopReturnedMillis()).isBetween(0L, 5000L);
    }

    private void drainOnce() throws InterruptedException {
        Runnable r = fx.poll(20, TimeUnit.MILLISECONDS);
        if (r != null) r.run();
        vm.flush();
    }

    private void drainUntilIdle(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (vm.state() != State.IDLE) {
            drainOnce();
            assertThat(System.nanoTime()).as("search still running").isLessThan(deadline);
        }
    }
}
