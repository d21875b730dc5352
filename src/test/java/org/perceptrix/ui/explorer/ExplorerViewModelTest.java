package org.perceptrix.ui.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;

import org.perceptrix.data.DataLoader;
import org.perceptrix.data.DataSource;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.evaluate.TestPredictions;
import org.perceptrix.evaluate.TestPredictions.Filter;
import org.perceptrix.export.SavedModel;
import org.perceptrix.export.StarterModel;
import org.perceptrix.train.TrainedModel;
import org.perceptrix.ui.TaskRunner;
import org.perceptrix.ui.explorer.ExplorerViewModel.State;
import org.perceptrix.ui.models.ModelLibrary;

/** The explorer's view model without the FX thread: when it evaluates, and what the gallery holds for each filter. */
class ExplorerViewModelTest {
    private static final TrainedModel STARTER = StarterModel.load().model();
    private static final ExampleSet TEST = DataLoader.bundledMnist().test().head(1000);

    private final List<SavedModel> evaluated = new ArrayList<>();
    private final List<Runnable> queued = new ArrayList<>();
    private ExampleSet testSet = TEST;

    private ModelLibrary library;

    /** Another file gives another (unequal) saved model; the test set comes from {@code testSet} anyway. */
    private static SavedModel read(java.util.Optional<Path> file) {
        return new SavedModel(STARTER, file.isEmpty() ? DataSource.mnist() : new DataSource(DataSource.Kind.IDX,
                file.get().toString(), "", "", "", org.perceptrix.graph.DataSignature.Target.LABELS));
    }

    @org.junit.jupiter.api.BeforeEach
    void inEnglish() {
        org.perceptrix.i18n.Messages.setLocale(java.util.Locale.ENGLISH);
        library = new ModelLibrary(FXCollections.observableArrayList(), TaskRunner.synchronous(),
                ExplorerViewModelTest::read);
    }

    private ExplorerViewModel explorer(boolean queue) {
        return new ExplorerViewModel(library, m -> {
            evaluated.add(m);
            return testSet;
        }, queue ? queued::add : Runnable::run, Runnable::run);
    }

    private static List<Integer> first(int[] indices, int n) {
        return Arrays.stream(indices, 0, Math.min(n, indices.length)).boxed().toList();
    }

    @Test
    void evaluatesTheStarterModelWhenShownAndStartsWithTheMistakes() {
        ExplorerViewModel vm = explorer(false);
        assertThat(vm.state()).isEqualTo(State.WAITING);
        assertThat(evaluated).isEmpty();

        vm.activate();

        assertThat(vm.state()).isEqualTo(State.CLASSIFIER);
        TestPredictions p = (TestPredictions) vm.results();
        int[] mistakes = p.select(Filter.mistakes());
        assertThat(vm.matchesProperty().get()).isEqualTo(mistakes.length).isPositive();
        assertThat(vm.gallery()).isEqualTo(first(mistakes, ExplorerViewModel.PAGE));
        assertThat(vm.messageProperty().get()).startsWith("Accuracy").contains("1,000 test examples");
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);

        vm.deactivate();
        vm.activate(); // the same model: nothing to do again
        assertThat(evaluated).hasSize(1);

        org.perceptrix.i18n.Messages.setLocale(java.util.Locale.SIMPLIFIED_CHINESE);
        vm.languageChanged();
        assertThat(vm.messageProperty().get()).startsWith("在 1,000 个测试样本上的准确率");
    }

    @Test
    void aCellShowsExactlyItsExamplesAndShowMoreAddsAPage() {
        ExplorerViewModel vm = explorer(false);
        vm.activate();
        TestPredictions p = (TestPredictions) vm.results();
        int a = 7;
        int q = 2;
        int inCell = p.report().confusion()[a][q];

        vm.showCell(a, q);
        assertThat(vm.gallery()).hasSize(inCell).allSatisfy(i -> {
            assertThat(p.actual(i)).isEqualTo(a);
            assertThat(p.predicted(i)).isEqualTo(q);
        });

        vm.showCell(1, 1);
        assertThat(vm.mistakesOnlyProperty().get()).isFalse();
        assertThat(vm.matchesProperty().get()).isEqualTo(p.report().confusion()[1][1]);
        assertThat(vm.gallery()).hasSize(ExplorerViewModel.PAGE);
        vm.showMore();
        assertThat(vm.gallery()).isEqualTo(first(p.select(Filter.cell(1, 1)), 2 * ExplorerViewModel.PAGE));

        vm.predictedProperty().set(Filter.ANY);
        assertThat(vm.gallery()).hasSize(ExplorerViewModel.PAGE).allSatisfy(i -> assertThat(p.actual(i)).isEqualTo(1));

        vm.clearFilter();
        assertThat(vm.filter()).isEqualTo(Filter.mistakes());
        assertThat(vm.gallery()).isEqualTo(first(p.select(Filter.mistakes()), ExplorerViewModel.PAGE));
    }

    @Test
    void aModelChosenWhileHiddenIsEvaluatedWhenShown() {
        ExplorerViewModel vm = explorer(false);
        vm.activate();
        vm.deactivate();
        library.open(Path.of("other.zip"));
        assertThat(evaluated).hasSize(1);
        vm.activate();
        assertThat(evaluated).hasSize(2);
        assertThat(vm.state()).isEqualTo(State.CLASSIFIER);
    }

    @Test
    void aNewerChoiceCancelsTheEvaluationUnderWay() {
        ExplorerViewModel vm = explorer(true);
        vm.activate();
        assertThat(vm.state()).isEqualTo(State.EVALUATING);
        library.open(Path.of("other.zip"));
        assertThat(queued).hasSize(2);

        queued.get(0).run(); // the first one notices it was replaced before its first batch
        assertThat(vm.state()).isEqualTo(State.EVALUATING);
        assertThat(vm.results()).isNull();
        queued.get(1).run();
        assertThat(vm.state()).isEqualTo(State.CLASSIFIER);
        assertThat(vm.messageProperty().get()).startsWith("Accuracy");
    }

    @Test
    void whileAnotherModelIsReadTheResultsStayAndComeBackWhenTheChoiceReturns() {
        List<Runnable> reads = new ArrayList<>();
        library = new ModelLibrary(FXCollections.observableArrayList(), new TaskRunner() {
            @Override
            public <T> void run(java.util.function.Supplier<T> work, java.util.function.Consumer<T> onSuccess,
                                java.util.function.Consumer<RuntimeException> onFailure) {
                reads.add(() -> onSuccess.accept(work.get()));
            }
        }, ExplorerViewModelTest::read);
        ExplorerViewModel vm = explorer(false);
        vm.activate();
        assertThat(vm.messageProperty().get()).isEqualTo("Reading the model…");
        reads.remove(0).run();
        assertThat(vm.state()).isEqualTo(State.CLASSIFIER);
        String accuracy = vm.messageProperty().get();

        library.open(Path.of("other.zip"));
        assertThat(vm.messageProperty().get()).isEqualTo("Reading the model…");
        assertThat(vm.state()).isEqualTo(State.CLASSIFIER);
        library.selectedProperty().set(library.entries().get(0)); // back to the starter, already read
        assertThat(vm.messageProperty().get()).isEqualTo(accuracy);
        reads.remove(0).run(); // the abandoned read ends: nothing changes
        assertThat(evaluated).hasSize(1);
        assertThat(vm.messageProperty().get()).isEqualTo(accuracy);
    }

    @Test
    void aModelThatDoesNotFitItsTestSetSaysWhyInOneLine() {
        testSet = ExampleSet.of(new float[8], new int[] {0, 1}, 2, 2, 1);
        ExplorerViewModel vm = explorer(false);
        vm.activate();
        assertThat(vm.state()).isEqualTo(State.FAILED);
        assertThat(vm.messageProperty().get())
                .isEqualTo("Cannot explore \"Starter model (LeNet, bundled)\": the model takes 784 values per example "
                        + "but its test examples have 4 (2×2×1)");
        assertThat(vm.gallery()).isEmpty();
    }
}
