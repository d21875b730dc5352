package org.perceptrix.ui;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.css.PseudoClass;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.train.SearchResult;
import org.perceptrix.ui.search.SearchViewModel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tutorial's case study from the window: a 2×2 grid (learning rate × batch size) with 2-fold cross-validation
 * on a slice of MNIST with the MLP template; one row per setting with both folds, the best highlighted, the table
 * sorts, "Apply best" changes the project and Ctrl+Z undoes it.
 */
@ExtendWith(ApplicationExtension.class)
class GridSearchViewTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerFx.open(stage, StarterProjects.load("mlp"));
    }

    @Test
    void twoByTwoGridWithTwoFoldsThenApplyBestAndUndo(FxRobot robot) throws Exception {
        DesignerViewModel designer = window.viewModel();
        robot.clickOn("#tab-training");
        TextField epochs = robot.lookup("#setting-epochs").queryAs(TextField.class);
        robot.interact(() -> {
            epochs.setText("1");
            epochs.fireEvent(new javafx.event.ActionEvent());
        });
        TrainingSettings before = designer.training();
        assertThat(before.epochs()).isEqualTo(1);

        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL); // Training ▸ Grid search
        assertThat(robot.lookup("#search-panel").query().isVisible()).isTrue();
        robot.clickOn("#search-values-lr").write("0.001, 0.01");
        robot.clickOn("#search-values-batch").write("16, 32");
        robot.clickOn("#search-limit").write("120").type(KeyCode.ENTER);
        javafx.scene.Node down = robot.lookup("#search-folds .decrement-arrow-button").query();
        robot.clickOn(down); // 3 → 2 folds
        SearchViewModel vm = window.search();
        assertThat(vm.foldsProperty().get()).isEqualTo(2);
        assertThat(vm.limitProperty().get()).isEqualTo(120);

        robot.clickOn("#search-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> vm.state() == SearchViewModel.State.IDLE));

        @SuppressWarnings("unchecked")
        TableView<SearchResult.SettingResult> table = robot.lookup("#search-results").queryAs(TableView.class);
        assertThat(DesignerFx.text(robot, "#search-message")).startsWith("Search finished: best lr=");
        assertThat(table.getItems()).hasSize(4).allSatisfy(r -> assertThat(r.folds()).hasSize(2));
        assertThat(table.getColumns()).extracting(TableColumn::getId).containsExactly("search-col-number",
                "search-col-lr", "search-col-batch", "search-col-mean", "search-col-fold-1", "search-col-fold-2");
        TableColumn<SearchResult.SettingResult, ?> fold2 = table.getColumns().get(5);
        assertThat(onFx(() -> fold2.getCellData(0).toString())).endsWith("%");

        SearchResult.SettingResult best = vm.bestProperty().get();
        java.util.concurrent.Callable<List<Object>> highlightedRows = () -> onFx(() -> robot
                .lookup("#search-results .table-row-cell").queryAll().stream()
                .filter(n -> n.getPseudoClassStates().contains(PseudoClass.getPseudoClass("best")))
                .<Object>map(n -> ((TableRow<?>) n).getItem()).toList());
        // the table redraws its rows on the next pulse after the last result arrives
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !highlightedRows.call().isEmpty());
        assertThat(highlightedRows.call()).singleElement().isSameAs(best);

        robot.clickOn("#search-col-mean"); // ascending
        robot.clickOn("#search-col-mean"); // descending: the best first
        assertThat(onFx(() -> table.getItems().get(0))).isSameAs(best);

        robot.clickOn("#search-apply-best");
        assertThat(designer.training().learningRate()).isEqualTo(best.values().get("lr"));
        assertThat((double) designer.training().batchSize()).isEqualTo(best.values().get("batch"));
        assertThat(designer.training().epochs()).isEqualTo(1);
        assertThat(designer.training()).isNotEqualTo(before);

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(onFx(designer::training)).isEqualTo(before);
    }

    @Test
    void badValuesSayWhatIsWrongAndStartNothing(FxRobot robot) {
        robot.clickOn("#tab-search");
        robot.clickOn("#search-values-dropout").write("0.2, 2");
        robot.clickOn("#search-start");
        assertThat(window.search().state()).isEqualTo(SearchViewModel.State.IDLE);
        assertThat(DesignerFx.text(robot, "#search-message")).startsWith("Dropout: “2” is not allowed.");
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }
}
