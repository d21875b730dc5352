package org.perceptrix.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javafx.scene.control.TextField;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.perceptrix.project.RunRecord;
import org.perceptrix.ui.training.TrainingViewModel;
import org.perceptrix.ui.training.TrainingViewModel.State;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trains LeNet from the window on a small slice of MNIST: the chart grows, pause holds, resume continues, stop
 * returns within a second and keeps the model, and a second run overlays the first.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingPanelTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerFx.open(stage, StarterProjects.load("lenet"));
    }

    @Test
    void trainPauseResumeStopAndOverlayTwoRuns(FxRobot robot) throws Exception {
        TrainingViewModel vm = window.training();
        robot.clickOn("#tab-training");
        setField(robot, "#train-limit", "256");
        setField(robot, "#setting-epochs", "30");
        setField(robot, "#setting-batchSize", "16");
        // no early stopping: training is fast enough now to stop early by itself before Stop is clicked
        setField(robot, "#setting-patience", "0");
        assertThat(vm.settings().epochs()).isEqualTo(30);
        assertThat(vm.settings().earlyStoppingPatience()).isZero();

        robot.clickOn("#train-start");
        waitUntil(() -> vm.iterationsProperty().get() >= 5, 60);
        assertThat(vm.loss().size()).isGreaterThanOrEqualTo(5);
        assertThat(onFx(() -> window.trainingPanel().lossChart().drawnPoints())).isPositive();

        robot.clickOn("#train-pause");
        assertThat(vm.state()).isEqualTo(State.PAUSED);
        TimeUnit.MILLISECONDS.sleep(800); // the batch under way finishes and is shown
        int held = onFx(() -> vm.iterationsProperty().get());
        int pointsHeld = onFx(() -> vm.loss().size());
        TimeUnit.MILLISECONDS.sleep(500);
        assertThat(onFx(() -> vm.iterationsProperty().get())).as("no iterations while paused").isEqualTo(held);
        assertThat(onFx(() -> vm.loss().size())).as("no new chart points while paused").isEqualTo(pointsHeld);
        assertThat(vm.state()).isEqualTo(State.PAUSED);

        robot.clickOn("#train-resume");
        waitUntil(() -> vm.iterationsProperty().get() > held, 10);
        assertThat(onFx(() -> vm.loss().size())).as("resume continues the curve").isGreaterThan(pointsHeld);

        robot.clickOn("#train-stop");
        long stopped = System.nanoTime();
        waitUntil(() -> vm.state() == State.EVALUATING || vm.state() == State.IDLE, 5);
        assertThat((System.nanoTime() - stopped) / 1_000_000).as("ms until training ended").isLessThan(1000);
        waitUntil(() -> vm.state() == State.IDLE, 60);
        assertThat(vm.stopReturnedMillis()).as("ms from Stop until the training loop returned").isBetween(0L, 999L);
        assertThat(vm.runs()).hasSize(1);
        RunRecord first = vm.runs().get(0);
        assertThat(first.status()).isEqualTo("stopped");
        assertThat(first.hasModelFile()).isTrue();
        assertThat(Files.isRegularFile(Path.of(first.modelFile()))).isTrue();
        assertThat(first.hasTestAccuracy()).isTrue();

        setField(robot, "#setting-epochs", "1");
        robot.clickOn("#train-start");
        waitUntil(() -> vm.state() == State.IDLE && vm.runs().size() == 2, 60);
        assertThat(vm.runs().get(1).status()).isEqualTo("finished");
        assertThat(vm.runs().get(1).epochs()).hasSize(1);

        robot.interact(() -> window.trainingPanel().runsTable().getSelectionModel().selectAll());
        assertThat(vm.overlay()).hasSize(2);
        long overlaid = onFx(() -> window.trainingPanel().lossChart().lines().stream()
                .filter(l -> l.name().startsWith("run ")).count());
        assertThat(overlaid).isEqualTo(2);

        robot.interact(() -> window.trainingPanel().runsTable().getSelectionModel().clearAndSelect(0));
        robot.clickOn("#run-restore");
        assertThat(vm.settings().epochs()).isEqualTo(30);
        robot.interact(() -> window.viewModel().undo());
        assertThat(vm.settings().epochs()).isEqualTo(1);
    }

    @Test
    void anInvalidNetworkDisablesTrainAndSaysWhy(FxRobot robot) {
        robot.interact(() -> window.viewModel().replaceGraph(new org.perceptrix.graph.NetworkGraph(), "empty"));
        robot.clickOn("#tab-training");
        assertThat(robot.lookup("#train-start").queryButton().isDisabled()).isTrue();
        assertThat(DesignerFx.text(robot, "#train-blocked")).startsWith("Train is off");
    }

    @Test
    void chartExportsAPng(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        robot.clickOn("#tab-training");
        Path png = dir.resolve("chart.png");
        robot.interact(() -> window.trainingPanel().exportChartPng(png));
        assertThat(Files.size(png)).isPositive();
    }

    private static void setField(FxRobot robot, String id, String text) {
        TextField f = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> {
            f.setText(text);
            f.fireEvent(new javafx.event.ActionEvent());
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    private static void waitUntil(BooleanSupplier condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
    }
}
