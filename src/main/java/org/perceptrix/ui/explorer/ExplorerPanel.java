package org.perceptrix.ui.explorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

import org.perceptrix.data.ExampleSet;
import org.perceptrix.evaluate.ClassificationReport;
import org.perceptrix.evaluate.ClassificationReport.ClassScore;
import org.perceptrix.evaluate.DigitClassifier.ClassProbability;
import org.perceptrix.evaluate.TestPredictions;
import org.perceptrix.evaluate.TestPredictions.Filter;
import org.perceptrix.evaluate.TestReconstructions;
import org.perceptrix.evaluate.TestResults;
import org.perceptrix.i18n.Messages;
import org.perceptrix.ui.Icons;
import org.perceptrix.ui.Subscriptions;
import org.perceptrix.ui.models.ModelLibrary;

/**
 * The Predictions tab: a model chooser, the accuracy, the confusion-matrix heatmap (a click on a cell shows exactly
 * its examples), the classification report and a gallery of test examples with their top-3 probabilities, filtered by
 * true and predicted class. For an autoencoder the gallery shows inputs beside their reconstructions, worst first.
 */
public final class ExplorerPanel {
    private static final String STYLESHEET = ExplorerPanel.class.getResource("explorer.css").toExternalForm();
    private static final double CLASSIFIER_SCALE = 3;
    private static final double AUTOENCODER_SCALE = 2.5;

    private final ExplorerViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ComboBox<ModelLibrary.Entry> model = new ComboBox<>();
    private final ProgressBar progress = new ProgressBar();
    private final Label status = new Label();
    private final ConfusionMatrixView matrix = new ConfusionMatrixView();
    private final TableView<ClassScore> report = new TableView<>();
    private final ComboBox<Integer> trueFilter = new ComboBox<>();
    private final ComboBox<Integer> predictedFilter = new ComboBox<>();
    private final CheckBox mistakes = new CheckBox(Messages.get("explorer.mistakesOnly"));
    private final Label count = new Label();
    private final TilePane gallery = new TilePane(8, 8);
    private final Label empty = new Label(Messages.get("explorer.noneMatch"));
    private final Button more = new Button(Messages.get("explorer.more"));
    private final SplitPane split = new SplitPane();
    private final VBox summary;
    private final VBox examples;
    private final List<Integer> shown = new ArrayList<>();
    private Function<Window, Optional<Path>> chooseModel = ExplorerPanel::chooseModelFile;
    private boolean syncing;

    public ExplorerPanel(ExplorerViewModel vm, Subscriptions subscriptions) {
        this.vm = vm;
        root.setId("explorer-panel");
        root.getStyleClass().add("explorer-panel");
        root.getStylesheets().add(STYLESHEET);
        root.setTop(topBar(subscriptions));
        summary = summary();
        examples = examples();
        split.getItems().setAll(summary, examples);
        split.setDividerPositions(0.5);
        root.setCenter(split);

        subscriptions.onChange(vm.resultsProperty(), (o, a, b) -> showResults(b));
        subscriptions.onChange(vm.stateProperty(), (o, a, b) -> showState());
        subscriptions.onChange(vm.models().loadingProperty(), (o, a, b) -> showState());
        subscriptions.onChange(vm.gallery(), (ListChangeListener<Integer>) c -> fillGallery());
        subscriptions.onChange(vm.matchesProperty(), (o, a, b) -> showCount());
        subscriptions.onChange(vm.actualProperty(), (o, a, b) -> syncFilters());
        subscriptions.onChange(vm.predictedProperty(), (o, a, b) -> syncFilters());
        showResults(vm.results());
        showState();
        fillGallery();
    }

    public Node root() { return root; }

    /** Replaces the model-file chooser (tests): owner window → chosen file. */
    public void setChooseModel(Function<Window, Optional<Path>> chooser) { this.chooseModel = chooser; }

    // --- model, progress, status ------------------------------------------------------------------------------

    private HBox topBar(Subscriptions subscriptions) {
        ModelLibrary models = vm.models();
        model.setId("explorer-model");
        model.setItems(models.entries());
        model.setValue(models.selectedProperty().get());
        model.setPrefWidth(260);
        model.setOnAction(e -> {
            if (model.getValue() != null && model.getValue() != models.selectedProperty().get()) {
                models.selectedProperty().set(model.getValue());
            }
        });
        subscriptions.onChange(models.selectedProperty(), (o, a, b) -> model.setValue(b));
        Button open = new Button(Messages.get("explorer.open"), Icons.icon(org.kordamp.ikonli.materialdesign2
                .MaterialDesignF.FOLDER_OPEN_OUTLINE));
        open.setId("explorer-open");
        open.setOnAction(e -> chooseModel.apply(root.getScene() == null ? null : root.getScene().getWindow())
                .ifPresent(models::open));
        progress.setId("explorer-progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(javafx.beans.binding.Bindings.when(models.loadingProperty())
                .then(ProgressBar.INDETERMINATE_PROGRESS).otherwise(vm.progressProperty()));
        status.setId("explorer-status");
        status.textProperty().bind(vm.messageProperty());
        status.setWrapText(true);
        HBox.setHgrow(status, Priority.ALWAYS);
        Label label = new Label(Messages.get("explorer.model"));
        model.setMinWidth(160);
        HBox bar = new HBox(8, fixed(label), model, fixed(open), progress, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.getStyleClass().add("explorer-bar");
        return bar;
    }

    private void showState() {
        ExplorerViewModel.State s = vm.state();
        boolean busy = s == ExplorerViewModel.State.EVALUATING || vm.models().loadingProperty().get();
        progress.setVisible(busy);
        progress.setManaged(busy);
        status.getStyleClass().remove("explorer-error");
        if (s == ExplorerViewModel.State.FAILED) status.getStyleClass().add("explorer-error");
        boolean autoencoder = s == ExplorerViewModel.State.AUTOENCODER;
        if (autoencoder && split.getItems().contains(summary)) split.getItems().remove(summary);
        if (!autoencoder && !split.getItems().contains(summary)) {
            split.getItems().add(0, summary);
            split.setDividerPositions(0.5);
        }
        predictedFilter.setDisable(autoencoder);
        mistakes.setDisable(autoencoder);
        examples.setDisable(vm.results() == null);
    }

    // --- heatmap and report -----------------------------------------------------------------------------------

    private VBox summary() {
        Label hint = new Label(Messages.get("explorer.matrixHint"));
        hint.getStyleClass().add("explorer-hint");
        hint.setWrapText(true);

        report.setId("explorer-report");
        report.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        report.setPlaceholder(new Label(""));
        TableColumn<ClassScore, String> name = new TableColumn<>(Messages.get("explorer.col.class"));
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().label()));
        TableColumn<ClassScore, Integer> support = new TableColumn<>(Messages.get("explorer.col.support"));
        support.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().support()));
        report.getColumns().add(name);
        report.getColumns().add(scoreColumn("explorer.col.precision", ClassScore::precision));
        report.getColumns().add(scoreColumn("explorer.col.recall", ClassScore::recall));
        report.getColumns().add(scoreColumn("explorer.col.f1", ClassScore::f1));
        report.getColumns().add(support);
        Tab matrixTab = new Tab(Messages.get("explorer.matrix"), new VBox(4, hint, matrix.root()));
        VBox.setVgrow(matrix.root(), Priority.ALWAYS);
        matrixTab.setId("explorer-tab-matrix");
        Tab reportTab = new Tab(Messages.get("explorer.report"), report);
        reportTab.setId("explorer-tab-report");
        TabPane views = new TabPane(matrixTab, reportTab);
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        views.setId("explorer-summary-tabs");

        VBox box = new VBox(6, views);
        VBox.setVgrow(views, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        box.setId("explorer-summary");
        return box;
    }

    private static TableColumn<ClassScore, String> scoreColumn(String key, ToDoubleFunction<ClassScore> value) {
        TableColumn<ClassScore, String> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(String.format("%.4f", value.applyAsDouble(x.getValue()))));
        return c;
    }

    private void showResults(TestResults r) {
        List<Integer> classes = new ArrayList<>();
        classes.add(Filter.ANY);
        for (int c = 0; c < vm.classNames().size(); c++) classes.add(c);
        syncing = true;
        try {
            trueFilter.getItems().setAll(classes);
            predictedFilter.getItems().setAll(classes);
        } finally {
            syncing = false;
        }
        syncFilters();
        if (r instanceof TestPredictions p) {
            ClassificationReport rep = p.report();
            matrix.show(rep.confusion(), rep.classNames(), vm::showCell);
            List<ClassScore> rows = new ArrayList<>(rep.perClass());
            rows.add(rep.macroAverage(Messages.get("explorer.macroAverage")));
            report.getItems().setAll(rows);
        } else {
            matrix.show(new int[0][0], List.of(), (a, b) -> { });
            report.getItems().clear();
        }
        showState();
    }

    // --- filters and gallery ----------------------------------------------------------------------------------

    private VBox examples() {
        StringConverter<Integer> names = new StringConverter<>() {
            @Override
            public String toString(Integer c) {
                if (c == null || c == Filter.ANY) return Messages.get("explorer.anyClass");
                List<String> n = vm.classNames();
                return c < n.size() ? n.get(c) : Integer.toString(c);
            }

            @Override
            public Integer fromString(String s) { return null; }
        };
        trueFilter.setId("explorer-filter-true");
        predictedFilter.setId("explorer-filter-predicted");
        for (ComboBox<Integer> combo : List.of(trueFilter, predictedFilter)) {
            combo.setConverter(names);
            combo.setVisibleRowCount(12);
        }
        trueFilter.valueProperty().addListener((o, a, b) -> {
            if (!syncing && b != null) vm.actualProperty().set(b);
        });
        predictedFilter.valueProperty().addListener((o, a, b) -> {
            if (!syncing && b != null) vm.predictedProperty().set(b);
        });
        mistakes.setId("explorer-mistakes");
        mistakes.selectedProperty().bindBidirectional(vm.mistakesOnlyProperty());
        Button clear = new Button(Messages.get("explorer.clear"));
        clear.setId("explorer-clear");
        clear.setTooltip(new Tooltip(Messages.get("explorer.clear.help")));
        clear.setOnAction(e -> vm.clearFilter());
        count.setId("explorer-count");
        FlowPane filters = new FlowPane(8, 4, fixed(new Label(Messages.get("explorer.filterTrue"))), fixed(trueFilter),
                fixed(new Label(Messages.get("explorer.filterPredicted"))), fixed(predictedFilter), fixed(mistakes),
                fixed(clear));
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.setId("explorer-filters");

        gallery.setId("explorer-gallery");
        gallery.getStyleClass().add("explorer-gallery");
        gallery.setPadding(new Insets(6));
        gallery.setPrefColumns(5);
        ScrollPane scroll = new ScrollPane(gallery);
        scroll.setId("explorer-gallery-scroll");
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        empty.setId("explorer-empty");
        empty.getStyleClass().add("explorer-hint");
        more.setId("explorer-more");
        more.setOnAction(e -> vm.showMore());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox footer = new HBox(8, count, spacer, more);
        footer.setAlignment(Pos.CENTER_LEFT);

        VBox box = new VBox(6, filters, empty, scroll, footer);
        box.setPadding(new Insets(6));
        box.setId("explorer-examples");
        return box;
    }

    /** Keeps a control at its preferred width, so a narrow pane wraps the row instead of cutting texts. */
    private static <T extends Region> T fixed(T control) {
        control.setMinWidth(Region.USE_PREF_SIZE);
        return control;
    }

    private void syncFilters() {
        syncing = true;
        try {
            trueFilter.setValue(vm.actualProperty().get());
            predictedFilter.setValue(vm.predictedProperty().get());
        } finally {
            syncing = false;
        }
        Filter f = vm.filter();
        matrix.select(f.actual(), f.predicted());
    }

    private void showCount() {
        int total = vm.matchesProperty().get();
        count.setText(Messages.get("explorer.count", vm.gallery().size(), total));
        more.setVisible(vm.gallery().size() < total);
        boolean none = vm.results() != null && total == 0;
        empty.setVisible(none);
        empty.setManaged(none);
    }

    /** Builds tiles for new examples only: "show more" appends a page instead of rebuilding the gallery. */
    private void fillGallery() {
        List<Integer> wanted = vm.gallery();
        boolean extends_ = wanted.size() >= shown.size() && wanted.subList(0, shown.size()).equals(shown);
        if (!extends_) {
            gallery.getChildren().clear();
            shown.clear();
        }
        TestResults r = vm.results();
        if (r != null) {
            List<Node> tiles = new ArrayList<>();
            for (int i = shown.size(); i < wanted.size(); i++) tiles.add(tile(r, wanted.get(i)));
            gallery.getChildren().addAll(tiles);
            shown.addAll(wanted.subList(shown.size(), wanted.size()));
        }
        showCount();
    }

    private Node tile(TestResults r, int i) {
        ExampleSet test = r.test();
        VBox tile = new VBox(3);
        tile.getStyleClass().add("explorer-tile");
        tile.setAlignment(Pos.TOP_CENTER);
        tile.getProperties().put("example", i);
        tile.getProperties().put("actual", test.label(i));
        Node picture = Pictures.of(test.copyFeatures(i), test.height(), test.width(), test.channels(),
                r instanceof TestPredictions ? CLASSIFIER_SCALE : AUTOENCODER_SCALE);
        if (r instanceof TestPredictions p) {
            int a = p.actual(i);
            int q = p.predicted(i);
            tile.getProperties().put("predicted", q);
            if (a != q) tile.getStyleClass().add("mistake");
            Label title = new Label(Messages.get("explorer.tile", test.className(a), test.className(q)));
            title.getStyleClass().add("tile-title");
            StringBuilder top = new StringBuilder();
            for (ClassProbability c : p.top(i, 3)) {
                if (top.length() > 0) top.append('\n');
                top.append(Messages.get("explorer.probability", c.label(), String.format("%.1f", c.probability() * 100)));
            }
            Label probabilities = new Label(top.toString());
            probabilities.getStyleClass().add("tile-probabilities");
            tile.getChildren().addAll(picture, title, probabilities);
        } else {
            TestReconstructions a = (TestReconstructions) r;
            Node rebuilt = Pictures.of(a.reconstruction(i), test.height(), test.width(), test.channels(),
                    AUTOENCODER_SCALE);
            HBox pair = new HBox(4, picture, rebuilt);
            Label title = new Label(Messages.get("explorer.tileInput", test.className(test.label(i))));
            title.getStyleClass().add("tile-title");
            Label error = new Label(Messages.get("explorer.error", String.format("%.4f", a.error(i))));
            error.getStyleClass().add("tile-probabilities");
            tile.getProperties().put("error", a.error(i));
            tile.getChildren().addAll(pair, title, error);
        }
        Tooltip.install(tile, new Tooltip(Messages.get("explorer.example", i + 1)));
        return tile;
    }

    private static Optional<Path> chooseModelFile(Window owner) {
        FileChooser c = new FileChooser();
        c.setTitle(Messages.get("explorer.open"));
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.get("explorer.modelFiles"), "*.zip"));
        return Optional.ofNullable(c.showOpenDialog(owner)).map(java.io.File::toPath);
    }
}
