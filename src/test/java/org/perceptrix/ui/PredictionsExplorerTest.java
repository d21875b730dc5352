package org.perceptrix.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import org.perceptrix.data.DataLoader;
import org.perceptrix.project.ProjectTraining;
import org.perceptrix.project.Templates;
import org.perceptrix.ui.explorer.ExplorerViewModel;
import org.perceptrix.ui.explorer.ExplorerViewModel.State;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Predictions tab as a student uses it: the starter LeNet is evaluated on the 10,000 test digits, a click on a
 * confusion-matrix cell shows exactly that cell's pictures, the class filters and "show more" work, and an
 * autoencoder shows its inputs beside their reconstructions, worst first.
 */
@ExtendWith(ApplicationExtension.class)
class PredictionsExplorerTest {
    /** The bundled starter LeNet misreads 12 sevens of the test set as twos (its confusion matrix, row 7). */
    private static final int SEVENS_READ_AS_TWOS = 12;
    private static final int FOURS_READ_AS_NINES = 8;
    private static final int MISTAKES = 175;

    private MainWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        window = DesignerFx.open(stage, StarterProjects.load("lenet"));
    }

    @Test
    void clickingACellShowsExactlyItsPicturesAndTheFiltersNarrowTheGallery(FxRobot robot) throws Exception {
        ExplorerViewModel vm = window.explorer();
        robot.clickOn("#tab-predictions");
        waitUntil(() -> vm.state() == State.CLASSIFIER, 120);
        assertThat(DesignerFx.text(robot, "#explorer-status")).startsWith("Accuracy 98.25% on 10,000 test examples (175 mistakes)");
        assertThat(tiles(robot)).hasSize(ExplorerViewModel.PAGE).allSatisfy(t -> assertThat(isMistake(t)).isTrue());
        assertThat(robot.lookup("#explorer-report").queryTableView().getItems()).hasSize(11);

        robot.clickOn("#cell-7-2");
        assertThat(robot.lookup("#cell-7-2 .label").queryAs(Label.class).getText())
                .isEqualTo(Integer.toString(SEVENS_READ_AS_TWOS));
        List<Node> shown = tiles(robot);
        assertThat(shown).hasSize(SEVENS_READ_AS_TWOS)
                .allSatisfy(t -> assertThat(pair(t)).isEqualTo(List.of(7, 2)));
        assertThat(DesignerFx.text(robot, "#explorer-count")).isEqualTo("Showing 12 of 12");
        assertThat(robot.lookup("#cell-7-2").query().getStyleClass()).contains("selected");

        robot.clickOn("#cell-3-3"); // the diagonal: those read correctly
        assertThat(tiles(robot)).hasSize(ExplorerViewModel.PAGE).allSatisfy(t -> assertThat(pair(t)).isEqualTo(List.of(3, 3)));
        assertThat(DesignerFx.text(robot, "#explorer-count")).isEqualTo("Showing 60 of 990");
        robot.clickOn("#explorer-more");
        assertThat(tiles(robot)).hasSize(2 * ExplorerViewModel.PAGE);

        robot.clickOn("#explorer-clear");
        assertThat(DesignerFx.text(robot, "#explorer-count")).isEqualTo("Showing 60 of " + MISTAKES);
        choose(robot, "#explorer-filter-true", "4");
        choose(robot, "#explorer-filter-predicted", "9");
        assertThat(tiles(robot)).hasSize(FOURS_READ_AS_NINES).allSatisfy(t -> assertThat(pair(t)).isEqualTo(List.of(4, 9)));
        assertThat(robot.lookup("#cell-4-9").query().getStyleClass()).contains("selected");
        choose(robot, "#explorer-filter-predicted", "All");
        assertThat(tiles(robot)).isNotEmpty().allSatisfy(t -> {
            assertThat(pair(t).get(0)).isEqualTo(4);
            assertThat(isMistake(t)).isTrue();
        });

        // mistakes come most confident first, each with its top-3 probabilities
        robot.clickOn("#explorer-clear");
        List<Node> mistakes = tiles(robot);
        Label top3 = (Label) ((Pane) mistakes.get(0)).getChildren().get(2);
        assertThat(top3.getText().split("\n")).hasSize(3);
        assertThat(top3.getText()).startsWith(onFx(() -> vm.classNames().get(pair(mistakes.get(0)).get(1))) + ": ");
    }

    @Test
    void anUnreadableModelFileSaysWhyInOneLine(FxRobot robot) throws Exception {
        robot.clickOn("#tab-predictions");
        Path bad = Files.writeString(dir.resolve("broken.zip"), "not a zip");
        robot.interact(() -> window.explorerPanel().setChooseModel(w -> Optional.of(bad)));
        robot.clickOn("#explorer-open");
        waitUntil(() -> window.explorer().state() == State.FAILED, 60);
        assertThat(DesignerFx.text(robot, "#explorer-status")).contains("broken.zip").doesNotContain("\n");
        assertThat(tiles(robot)).isEmpty();
    }

    @Test
    void anAutoencoderShowsInputsBesideReconstructionsWorstFirst(FxRobot robot) throws Exception {
        Path model = dir.resolve("autoencoder.zip");
        new ProjectTraining(Templates.load("autoencoder"), DataLoader.bundledMnist(), dir,
                new ProjectTraining.Options(OptionalInt.of(1), OptionalInt.of(200), Optional.of(model)), e -> { }).run();
        robot.interact(() -> window.explorerPanel().setChooseModel(w -> Optional.of(model)));
        robot.clickOn("#tab-predictions");
        robot.clickOn("#explorer-open");
        waitUntil(() -> window.explorer().state() == State.AUTOENCODER, 120);

        assertThat(DesignerFx.text(robot, "#explorer-status")).startsWith("Mean reconstruction error");
        assertThat(robot.lookup("#confusion-matrix").tryQuery()).isEmpty();
        List<Node> shown = tiles(robot);
        assertThat(shown).hasSize(ExplorerViewModel.PAGE);
        for (int i = 0; i < shown.size(); i++) {
            assertThat(robot.from(shown.get(i)).lookup((java.util.function.Predicate<Node>) n -> n instanceof ImageView).queryAll()).hasSize(2);
            if (i > 0) assertThat(error(shown.get(i))).isLessThanOrEqualTo(error(shown.get(i - 1)));
        }
        choose(robot, "#explorer-filter-true", "7");
        assertThat(tiles(robot)).isNotEmpty().allSatisfy(t -> assertThat(t.getProperties().get("actual")).isEqualTo(7));
        assertThat(robot.lookup("#explorer-more").queryAs(Button.class).isVisible()).isTrue();
    }

    private static List<Node> tiles(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return List.copyOf(robot.lookup("#explorer-gallery").queryAs(Pane.class).getChildren());
    }

    private static List<Integer> pair(Node tile) {
        return List.of((Integer) tile.getProperties().get("actual"), (Integer) tile.getProperties().get("predicted"));
    }

    private static boolean isMistake(Node tile) {
        return !pair(tile).get(0).equals(pair(tile).get(1)) && tile.getStyleClass().contains("mistake");
    }

    private static double error(Node tile) {
        return (Double) tile.getProperties().get("error");
    }

    private static void choose(FxRobot robot, String combo, String item) {
        robot.clickOn(combo);
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(LabeledMatchers.hasText(item)).queryLabeled());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    private static void waitUntil(BooleanSupplier condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
    }
}
