package org.perceptrix.ui.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.perceptrix.i18n.Messages;
import org.perceptrix.train.GridSearch;
import org.perceptrix.train.SearchGrid;
import org.perceptrix.train.SearchResult;
import org.perceptrix.ui.FxTicker;
import org.perceptrix.ui.Icons;
import org.perceptrix.ui.Subscriptions;

/**
 * The grid search view: values to try per setting, hold-out or k-fold validation, a quick-search limit, Start and
 * Stop with progress, and the sortable results table (mean ± std and every fold) with the best setting highlighted
 * and "Apply best".
 */
public final class SearchView {
    private static final PseudoClass BEST = PseudoClass.getPseudoClass("best");

    private final SearchViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TableView<SearchResult.SettingResult> table = new TableView<>();
    private final Label formError = new Label();
    private final List<TextField> currentValues = new ArrayList<>();
    private static final long REFRESH_MILLIS = 100;
    private final FxTicker refresh;

    public SearchView(SearchViewModel vm, Subscriptions subscriptions) {
        this.vm = vm;
        root.setId("search-panel");
        root.getStyleClass().add("search-panel");
        ScrollPane form = new ScrollPane(form());
        form.setFitToWidth(true);
        form.setMinWidth(230);
        form.setPrefWidth(360);
        VBox results = results();
        VBox centre = new VBox(6, controls(), results);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox.setVgrow(results, Priority.ALWAYS);
        centre.setPadding(new Insets(6));
        SplitPane split = new SplitPane(form, centre);
        split.setDividerPositions(0.34);
        SplitPane.setResizableWithParent(form, false);
        root.setCenter(split);

        refresh = new FxTicker(REFRESH_MILLIS, vm::flush); // not every pulse: the cores belong to the search
        subscriptions.onChange(vm.stateProperty(), (o, a, b) -> {
            if (b == SearchViewModel.State.IDLE) refresh.stop();
            else refresh.start();
        });
        if (vm.isRunning()) refresh.start();
        subscriptions.onChange(vm.layoutProperty(), (o, a, b) -> columns(b));
        subscriptions.onChange(vm.bestProperty(), (o, a, b) -> table.refresh());
        subscriptions.onChange(vm.designer().trainingProperty(), (o, a, b) -> showCurrentValues());
        columns(vm.layoutProperty().get());
    }

    public Node root() { return root; }

    public TableView<SearchResult.SettingResult> resultsTable() { return table; }

    /** Stops the periodic updates of this view (the window is being rebuilt). */
    public void dispose() { refresh.stop(); }

    // --- the form -----------------------------------------------------------------------------------------------

    private VBox form() {
        VBox box = new VBox(2);
        box.setPadding(new Insets(8));
        box.setId("search-form");
        box.getStyleClass().add("training-form");
        Label intro = help(Messages.get("search.intro"));
        box.getChildren().add(intro);
        // One compact line per setting; an empty field shows the project's value it keeps.
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        grid.setId("search-values");
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMinWidth(90);
        grid.getColumnConstraints().addAll(names, fields);
        int row = 0;
        for (SearchViewModel.Parameter p : SearchViewModel.Parameter.values()) {
            TextField t = new TextField(vm.valuesProperty(p).get());
            t.setId("search-values-" + p.gridName());
            t.setUserData(p);
            t.textProperty().bindBidirectional(vm.valuesProperty(p));
            t.setTooltip(new Tooltip(Messages.get("training." + p.field().key() + ".help")));
            Label name = new Label(p.label());
            name.setLabelFor(t);
            currentValues.add(t);
            grid.addRow(row++, name, t);
        }
        VBox.setMargin(grid, new Insets(6, 0, 0, 0));
        box.getChildren().add(grid);
        showCurrentValues();

        ToggleGroup validation = new ToggleGroup();
        RadioButton kfold = new RadioButton(Messages.get("search.kfold"));
        kfold.setId("search-kfold");
        kfold.setToggleGroup(validation);
        RadioButton holdOut = new RadioButton(Messages.get("search.holdOut"));
        holdOut.setId("search-holdout");
        holdOut.setToggleGroup(validation);
        (vm.crossValidationProperty().get() ? kfold : holdOut).setSelected(true);
        kfold.selectedProperty().addListener((o, a, b) -> vm.crossValidationProperty().set(b));
        Spinner<Integer> folds = new Spinner<>(2, 10, Math.max(2, vm.foldsProperty().get()));
        folds.setId("search-folds");
        folds.setEditable(true);
        folds.disableProperty().bind(kfold.selectedProperty().not());
        folds.valueProperty().addListener((o, a, b) -> {
            if (b != null) vm.foldsProperty().set(b);
        });
        folds.setPrefWidth(70);
        folds.setMinWidth(Region.USE_PREF_SIZE);
        kfold.setMinWidth(Region.USE_PREF_SIZE);
        Label foldsLabel = new Label(Messages.get("search.folds"));
        foldsLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox kfoldRow = new HBox(6, kfold, folds, foldsLabel);
        kfoldRow.setAlignment(Pos.CENTER_LEFT);
        VBox validationBox = new VBox(4, kfoldRow, holdOut);
        Tooltip validationHelp = new Tooltip(Messages.get("search.validation.help"));
        validationHelp.setWrapText(true);
        validationHelp.setMaxWidth(360);
        kfold.setTooltip(validationHelp);
        holdOut.setTooltip(validationHelp);
        add(box, Messages.get("search.validation"), validationBox, null);

        TextField limit = org.perceptrix.ui.training.LimitField.create("search-limit", vm.limitProperty(), formError);
        limit.setTooltip(new Tooltip(Messages.get("search.limit.help")));
        add(box, Messages.get("search.limit"), limit, null);

        formError.setId("search-error");
        formError.getStyleClass().add("inspector-error");
        formError.setWrapText(true);
        box.getChildren().add(formError);
        return box;
    }

    private void showCurrentValues() {
        for (TextField t : currentValues) {
            SearchViewModel.Parameter p = (SearchViewModel.Parameter) t.getUserData();
            t.setPromptText(Messages.get("search.keep", vm.currentValue(p)));
        }
    }

    private static Label help(String text) {
        Label help = new Label(text);
        help.getStyleClass().add("training-help");
        help.setWrapText(true);
        help.setMinHeight(Region.USE_PREF_SIZE);
        return help;
    }

    private static void add(VBox box, String name, Region control, Label help) {
        Label label = new Label(name);
        label.getStyleClass().add("training-label");
        label.setLabelFor(control);
        control.setMaxWidth(Double.MAX_VALUE);
        VBox.setMargin(label, new Insets(6, 0, 0, 0));
        box.getChildren().addAll(label, control);
        if (help != null) box.getChildren().add(help);
    }

    // --- start, stop, progress ----------------------------------------------------------------------------------

    private VBox controls() {
        Button start = new Button(Messages.get("search.start"), Icons.icon(Icons.TRAIN));
        start.setId("search-start");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> {
            formError.setText("");
            root.requestFocus(); // commits a limit being typed
            vm.start();
        });
        start.disableProperty().bind(vm.stateProperty().isNotEqualTo(SearchViewModel.State.IDLE));
        Button stop = new Button(Messages.get("search.stop"), Icons.icon(Icons.STOP));
        stop.setId("search-stop");
        stop.setOnAction(e -> vm.stop());
        stop.disableProperty().bind(vm.stateProperty().isEqualTo(SearchViewModel.State.IDLE)
                .or(vm.stateProperty().isEqualTo(SearchViewModel.State.STOPPING)));
        ProgressBar bar = new ProgressBar();
        bar.setId("search-progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setPrefWidth(220);
        Label text = new Label();
        text.setId("search-progress-text");
        text.textProperty().bind(vm.progressTextProperty());
        text.setMinWidth(0);
        for (Region r : new Region[] {start, stop}) r.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(6, start, stop, bar, text);
        row.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("search-message");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        return new VBox(4, row, message);
    }

    // --- results ------------------------------------------------------------------------------------------------

    private VBox results() {
        table.setId("search-results");
        SortedList<SearchResult.SettingResult> sorted = new SortedList<>(vm.results());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label(Messages.get("search.noResults")));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SearchResult.SettingResult item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(BEST, !empty && item != null && vm.isBest(item));
            }
        });
        Button apply = new Button(Messages.get("search.applyBest"));
        apply.setId("search-apply-best");
        apply.disableProperty().bind(vm.bestProperty().isNull());
        apply.setOnAction(e -> vm.applyBest());
        apply.setTooltip(new Tooltip(Messages.get("search.applyBest.help")));
        Label title = new Label(Messages.get("search.results"));
        title.getStyleClass().add("training-label");
        title.setMinWidth(Region.USE_PREF_SIZE);
        apply.setMinWidth(Region.USE_PREF_SIZE);
        Label hint = help(Messages.get("search.results.help"));
        hint.setMinWidth(0);
        HBox head = new HBox(8, title, apply, hint);
        head.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, head, table);
    }

    /** One column per varied setting, the mean ± std (sorted by the mean) and one per fold. */
    private void columns(SearchViewModel.Layout layout) {
        table.getSortOrder().clear();
        table.getColumns().clear();
        TableColumn<SearchResult.SettingResult, Integer> number = new TableColumn<>(Messages.get("training.col.number"));
        number.setId("search-col-number");
        number.setPrefWidth(44);
        number.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().index() + 1));
        table.getColumns().add(number);
        if (layout == null) return;
        for (SearchViewModel.Parameter p : layout.parameters()) {
            TableColumn<SearchResult.SettingResult, Double> c = new TableColumn<>(p.label());
            c.setId("search-col-" + p.gridName());
            c.setPrefWidth(Math.max(90, p.label().length() * 8));
            c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().values().get(p.gridName())));
            c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
                @Override
                protected void updateItem(Double v, boolean empty) {
                    super.updateItem(v, empty);
                    setText(empty || v == null ? "" : SearchGrid.format(p.gridName(), v));
                }
            });
            table.getColumns().add(c);
        }
        SearchResult.Metric metric = layout.metric();
        TableColumn<SearchResult.SettingResult, SearchResult.SettingResult> mean = new TableColumn<>(
                Messages.get(metric == SearchResult.Metric.ACCURACY ? "search.col.meanAccuracy" : "search.col.meanLoss"));
        mean.setId("search-col-mean");
        mean.setPrefWidth(200);
        mean.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        // A failed setting (NaN) counts as the lowest value.
        mean.setComparator(Comparator.comparingDouble(r -> Double.isNaN(r.mean()) ? Double.NEGATIVE_INFINITY : r.mean()));
        mean.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(SearchResult.SettingResult r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? "" : r.succeeded()
                        ? SearchViewModel.metricText(metric, r.mean()) + " ± " + SearchViewModel.metricText(metric, r.std())
                        : Messages.get("search.failedCell"));
            }
        });
        table.getColumns().add(mean);
        for (int f = 0; f < layout.folds(); f++) {
            int fold = f;
            String name = layout.folds() == GridSearch.HOLD_OUT ? Messages.get("search.col.holdOut")
                    : Messages.get("search.col.fold", f + 1);
            TableColumn<SearchResult.SettingResult, String> c = new TableColumn<>(name);
            c.setId("search-col-fold-" + (f + 1));
            c.setPrefWidth(90);
            c.setCellValueFactory(cell -> {
                List<SearchResult.FoldResult> folds = cell.getValue().folds();
                if (fold >= folds.size()) return new SimpleStringProperty("");
                SearchResult.FoldResult r = folds.get(fold);
                return new SimpleStringProperty(r.succeeded() ? SearchViewModel.metricText(metric, r.metric())
                        : Messages.get("search.failedCell"));
            });
            c.setSortable(false);
            table.getColumns().add(c);
        }
    }
}
