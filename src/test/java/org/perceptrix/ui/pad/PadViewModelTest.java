package org.perceptrix.ui.pad;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.export.SavedModel;
import org.perceptrix.export.StarterModel;
import org.perceptrix.i18n.Messages;
import org.perceptrix.project.RunRecord;
import org.perceptrix.ui.TaskRunner;
import org.perceptrix.ui.models.ModelLibrary;

/** The pad's view model without the FX thread: background work runs when the test says so. */
class PadViewModelTest {
    private static SavedModel starter;

    /** An executor that keeps jobs until {@link #runAll()}. */
    private static final class Held implements Executor {
        final ArrayDeque<Runnable> jobs = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) { jobs.add(r); }

        void runAll() {
            while (!jobs.isEmpty()) jobs.poll().run();
        }
    }

    @TempDir
    Path dir;

    private final Held predicting = new Held();
    private final Held inspecting = new Held();
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final List<Optional<Path>> reads = new ArrayList<>();
    private int classifications;

    @BeforeAll
    static void load() {
        Messages.setLocale(java.util.Locale.ENGLISH);
        starter = StarterModel.load();
    }

    private PadViewModel pad() {
        ModelLibrary models = new ModelLibrary(runs, TaskRunner.synchronous(), file -> {
            reads.add(file);
            return starter;
        });
        return new PadViewModel(models, predicting, inspecting, Runnable::run);
    }

    private static void drawOne(PadViewModel pad) {
        pad.beginStroke(140, 40);
        for (int y = 50; y <= 240; y += 10) pad.extendStroke(140, y);
        pad.endStroke();
    }

    @Test
    void aBurstOfStrokeMovesIsComputedOnceForTheNewestDrawing() {
        PadViewModel pad = pad();
        pad.start();
        drawOne(pad);
        assertThat(predicting.jobs).as("one job drains the burst").hasSize(1);
        assertThat(pad.predictionProperty().get()).isNull();
        predicting.runAll();
        assertThat(pad.predictionProperty().get().best()).isEqualTo(1);
        assertThat(pad.predictionProperty().get().digit().empty()).isFalse();
        assertThat(inspecting.jobs).as("nothing inside while the view is closed").isEmpty();
    }

    @Test
    void theLookInsideRunsOnlyWhileItIsShown() {
        PadViewModel pad = pad();
        pad.start();
        drawOne(pad);
        predicting.runAll();
        assertThat(inspecting.jobs).isEmpty();
        pad.insideVisibleProperty().set(true);
        assertThat(inspecting.jobs).hasSize(1);
        inspecting.runAll();
        assertThat(pad.inspectionProperty().get().predictedClass()).isEqualTo(1);
        assertThat(pad.inspectionProperty().get().filters()).isPresent();
    }

    @Test
    void aBlankPadAndNoModelGiveNoPrediction() {
        PadViewModel pad = pad();
        assertThat(pad.messageProperty().get()).isEqualTo("No model chosen");
        drawOne(pad);
        assertThat(predicting.jobs).isEmpty();
        pad.start();
        assertThat(pad.messageProperty().get()).isEmpty();
        predicting.runAll();
        assertThat(pad.predictionProperty().get()).isNotNull();
        pad.clear();
        assertThat(pad.predictionProperty().get()).isNull();
        assertThat(pad.canUndoProperty().get()).isFalse();
    }

    @Test
    void anAnswerForAnOlderDrawingDoesNotReplaceANewerOne() {
        PadViewModel pad = pad();
        pad.start();
        drawOne(pad);
        Runnable first = predicting.jobs.poll(); // the drain, still holding the drawing of a 1
        pad.clear();
        first.run();
        assertThat(pad.predictionProperty().get()).as("the cleared pad stays empty").isNull();
    }

    @Test
    void useMyTrainedModelFollowsTheRuns() throws Exception {
        PadViewModel pad = pad();
        pad.start();
        assertThat(pad.hasTrainedModelProperty().get()).isFalse();
        assertThat(pad.useTrainedModel()).isFalse();
        Path model = Files.createFile(dir.resolve("run.zip"));
        runs.add(new RunRecord("1", "2026-11-24 20:00", TrainingSettings.defaults(), List.of(), 0.9, model.toString(),
                "finished"));
        assertThat(pad.hasTrainedModelProperty().get()).isTrue();
        assertThat(pad.useTrainedModel()).isTrue();
        assertThat(reads).containsExactly(Optional.empty(), Optional.of(model.toAbsolutePath().normalize()));
    }
}
