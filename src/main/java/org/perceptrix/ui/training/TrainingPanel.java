package org.perceptrix.ui.training;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

import javax.imageio.ImageIO;

import org.perceptrix.compile.LearningRateSchedule;
import org.perceptrix.compile.Optimizer;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.compile.WeightInit;
import org.perceptrix.i18n.Messages;
import org.perceptrix.graph.Severity;
import org.perceptrix.project.RunRecord;
import org.perceptrix.train.Notice;
import org.perceptrix.ui.FxTicker;
import org.perceptrix.ui.Icons;
import org.perceptrix.ui.Subscriptions;

/**
 * The training panel: the settings form with a line of explanation each, Train / Pause / Resume / Stop with a
 * progress bar, the live charts (loss raw and smoothed, validation loss, validation accuracy, learning rate) and the
 * run history, whose selected runs are overlaid on the charts.
 */
public final class TrainingPanel {
    private static final Color RAW = Color.web("#9bb8d8");
    private static final Color SMOOTH = Color.web("#1f6fd1");
    private static final Color VALIDATION = Color.web("#e0731f");
    private static final Color ACCURACY = Color.web("#2e9d4f");
    private static final Color RATE = Color.web("#8a56c7");
    private static final long REFRESH_MILLIS = 500;
    private static final Color[] OVERLAY = {Color.web("#c2417a"), Color.web("#2a9d8f"), Color.web("#b8860b"),
            Color.web("#6d6d6d"), Color.web("#7b3fb5")};

    private final TrainingViewModel vm;
    private final Subscriptions subscriptions;
    private final BorderPane root = new BorderPane();
    private final Map<SettingField, TextField> fields = new EnumMap<>(SettingField.class);
    private final ComboBox<Optimizer> optimizer = new ComboBox<>();
    private final ComboBox<LearningRateSchedule> schedule = new ComboBox<>();
    private final ComboBox<WeightInit> weightInit = new ComboBox<>();
    private final Label formError = new Label();
    private final ChartView lossChart = new ChartView("chart-loss", Messages.get("training.chart.loss"));
    private final ChartView accuracyChart = new ChartView("chart-accuracy", Messages.get("training.chart.accuracy"));
    private final ChartView rateChart = new ChartView("chart-lr", Messages.get("training.chart.learningRate"));
    private final VBox charts;
    private final TableView<RunRecord> runs = new TableView<>();
    private final FxTicker refresh;
    private boolean updatingForm;
    private BiFunction<String, String, Optional<Path>> chooseExport = this::chooseExportFile;

    public TrainingPanel(TrainingViewModel vm, Subscriptions subscriptions) {
        this.vm = vm;
        this.subscriptions = subscriptions;
        root.setId("training-panel");
        root.getStyleClass().add("training-panel");

        ScrollPane form = new ScrollPane(form());
        form.setFitToWidth(true);
        form.setMinWidth(230);
        form.setPrefWidth(280);

        HBox chartTools = chartTools();
        HBox lower = new HBox(6, accuracyChart, rateChart);
        HBox.setHgrow(accuracyChart, Priority.ALWAYS);
        HBox.setHgrow(rateChart, Priority.ALWAYS);
        charts = new VBox(4, lossChart, lower);
        charts.setId("training-charts");
        charts.getStyleClass().add("training-charts");
        VBox.setVgrow(lossChart, Priority.ALWAYS);
        lossChart.setPrefHeight(260);
        accuracyChart.setPrefHeight(170);
        rateChart.setPrefHeight(170);

        VBox history = history();
        VBox centre = new VBox(6, controls(), chartTools, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        centre.setPadding(new Insets(6));
        SplitPane right = new SplitPane(centre, history);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.72);
        SplitPane split = new SplitPane(form, right);
        split.setDividerPositions(0.27);
        SplitPane.setResizableWithParent(form, false);
        root.setCenter(split);

        // Two updates a second keep the charts live and leave the CPU to training (GuiTrainingBenchmarkTest, 2 cores):
        // redrawing them every frame cost ~20% of LeNet's throughput, ten times a second ~9% (the FX and render
        // threads took 4.8% of a core, and each wake-up stalls one of the two OpenMP threads ND4J trains with). Once
        // training became twice as fast (Perceptrix's own layers), five times a second cost 12-19% (ratio 0.81-0.88),
        // twice a second 2% (0.979), once a second nothing measurable (1.025). An AnimationTimer alone would keep
        // JavaFX pulsing 60 times a second.
        refresh = new FxTicker(REFRESH_MILLIS, vm::flush);
        subscriptions.onChange(vm.stateProperty(), (o, a, b) -> {
            if (b == TrainingViewModel.State.IDLE) refresh.stop();
            else refresh.start();
        });
        if (vm.isRunning()) refresh.start();
        subscriptions.onChange(vm.revisionProperty(), (o, a, b) -> redrawCharts());
        subscriptions.onChange(vm.overlay(), (ListChangeListener<RunRecord>) c -> redrawCharts());
        subscriptions.onChange(vm.designer().trainingProperty(), (o, a, b) -> fillForm(b));
        fillForm(vm.settings());
        redrawCharts();
    }

    public Node root() { return root; }

    public ChartView lossChart() { return lossChart; }

    public TableView<RunRecord> runsTable() { return runs; }

    /** Stops the periodic updates of this view (the window is being rebuilt). */
    public void dispose() { refresh.stop(); }

    /** Replaces the save chooser (tests): suggested file name and extension → chosen path. */
    public void setChooseExport(BiFunction<String, String, Optional<Path>> chooser) { this.chooseExport = chooser; }

    // --- the settings form --------------------------------------------------------------------------------------

    private VBox form() {
        VBox box = new VBox(2);
        box.setPadding(new Insets(8));
        box.setId("training-form");
        box.getStyleClass().add("training-form");
        setUpCombo(optimizer, Optimizer.values(), o -> Messages.get("optimizer." + o.id()), vm::setOptimizer);
        setUpCombo(schedule, LearningRateSchedule.values(), s -> Messages.get("schedule." + s.id()), vm::setSchedule);
        setUpCombo(weightInit, WeightInit.values(), w -> Messages.get("weightInit." + w.id()), vm::setWeightInit);
        optimizer.setId("setting-optimizer");
        schedule.setId("setting-schedule");
        weightInit.setId("setting-weightInit");

        add(box, "optimizer", optimizer);
        add(box, SettingField.LEARNING_RATE);
        add(box, SettingField.MOMENTUM);
        add(box, "schedule", schedule);
        add(box, SettingField.DECAY_RATE);
        add(box, SettingField.DECAY_EPOCHS);
        add(box, SettingField.BATCH_SIZE);
        add(box, SettingField.EPOCHS);
        add(box, SettingField.L1);
        add(box, SettingField.L2);
        add(box, SettingField.DROPOUT);
        add(box, "weightInit", weightInit);
        add(box, SettingField.SEED);
        add(box, SettingField.VALIDATION_SPLIT);
        add(box, SettingField.PATIENCE);

        TextField limit = LimitField.create("train-limit", vm.limitProperty(), formError);
        add(box, "limit", limit);

        formError.setId("training-error");
        formError.getStyleClass().add("inspector-error");
        formError.setWrapText(true);
        box.getChildren().add(formError);
        return box;
    }

    private <T> void setUpCombo(ComboBox<T> combo, T[] values, java.util.function.Function<T, String> name,
                                java.util.function.Consumer<T> set) {
        combo.getItems().setAll(values);
        combo.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) { return t == null ? "" : name.apply(t); }

            @Override
            public T fromString(String s) { return null; }
        });
        combo.setMaxWidth(Double.MAX_VALUE);
        combo.valueProperty().addListener((o, a, b) -> {
            if (!updatingForm && b != null) set.accept(b);
        });
    }

    private void add(VBox box, SettingField field) {
        TextField t = new TextField();
        t.setId("setting-" + field.key());
        Runnable commit = () -> {
            if (updatingForm || t.getText().equals(field.text(vm.settings()))) return;
            Optional<String> error = vm.set(field, t.getText());
            formError.setText(error.orElse(""));
            if (error.isPresent()) t.setText(field.text(vm.settings()));
        };
        t.setOnAction(e -> commit.run());
        t.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) commit.run();
        });
        fields.put(field, t);
        add(box, field.key(), t);
    }

    private void add(VBox box, String key, Region control) {
        Label label = new Label(Messages.get("training." + key));
        label.getStyleClass().add("training-label");
        label.setLabelFor(control);
        Label help = new Label(Messages.get("training." + key + ".help"));
        help.getStyleClass().add("training-help");
        help.setWrapText(true);
        help.setMinHeight(Region.USE_PREF_SIZE);
        control.setMaxWidth(Double.MAX_VALUE);
        VBox.setMargin(label, new Insets(6, 0, 0, 0));
        box.getChildren().addAll(label, control, help);
    }

    private void fillForm(TrainingSettings s) {
        updatingForm = true;
        try {
            fields.forEach((f, t) -> t.setText(f.text(s)));
            optimizer.setValue(s.optimizer());
            schedule.setValue(s.schedule());
            weightInit.setValue(s.weightInit());
            boolean decays = s.schedule() == LearningRateSchedule.STEP || s.schedule() == LearningRateSchedule.EXPONENTIAL;
            fields.get(SettingField.DECAY_RATE).setDisable(!decays);
            fields.get(SettingField.DECAY_EPOCHS).setDisable(!decays);
            boolean momentum = s.optimizer() == Optimizer.NESTEROV;
            fields.get(SettingField.MOMENTUM).setDisable(!momentum);
        } finally {
            updatingForm = false;
        }
    }

    // --- controls and progress -----------------------------------------------------------------------------------

    private VBox controls() {
        Button train = button("train-start", "training.train", Icons.TRAIN, vm::train);
        train.getStyleClass().add("accent");
        train.disableProperty().bind(vm.canTrainProperty().not());
        Button pause = button("train-pause", "training.pause", Icons.PAUSE, vm::pause);
        pause.disableProperty().bind(vm.stateProperty().isNotEqualTo(TrainingViewModel.State.TRAINING));
        Button resume = button("train-resume", "training.resume", Icons.TRAIN, vm::resume);
        resume.disableProperty().bind(vm.stateProperty().isNotEqualTo(TrainingViewModel.State.PAUSED));
        Button stop = button("train-stop", "training.stop", Icons.STOP, vm::stop);
        stop.disableProperty().bind(vm.stateProperty().isEqualTo(TrainingViewModel.State.IDLE)
                .or(vm.stateProperty().isEqualTo(TrainingViewModel.State.STOPPING))
                .or(vm.stateProperty().isEqualTo(TrainingViewModel.State.EVALUATING)));
        ProgressBar bar = new ProgressBar();
        bar.setId("train-progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setPrefWidth(220);
        Label progress = new Label();
        progress.setId("train-progress-text");
        progress.textProperty().bind(vm.progressTextProperty());
        progress.setMinWidth(0);
        HBox buttons = new HBox(6, train, pause, resume, stop, bar, progress);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label blocked = new Label();
        blocked.setId("train-blocked");
        blocked.getStyleClass().add("inspector-error");
        blocked.textProperty().bind(vm.blockedReasonProperty());
        blocked.visibleProperty().bind(vm.blockedReasonProperty().isNotEmpty());
        blocked.managedProperty().bind(blocked.visibleProperty());
        blocked.setWrapText(true);
        Label message = new Label();
        message.setId("train-message");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        return new VBox(4, buttons, blocked, message, notices());
    }

    /** The diagnostics' notices of the run, newest first, each with an icon for its severity and what to try. */
    private ScrollPane notices() {
        VBox box = new VBox(4);
        box.setId("train-notices");
        box.getStyleClass().add("training-notices");
        Runnable fill = () -> {
            List<Node> rows = new ArrayList<>();
            for (Notice n : vm.notices()) rows.add(noticeRow(n));
            box.getChildren().setAll(rows);
        };
        subscriptions.onChange(vm.notices(), (ListChangeListener<Notice>) c -> fill.run());
        fill.run();
        // Scrolls rather than grows, so notices never push the buttons and charts out of the panel.
        ScrollPane scroll = new ScrollPane(box);
        scroll.setId("train-notices-scroll");
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(110);
        scroll.setMaxHeight(130);
        scroll.setMinHeight(60);
        scroll.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.notices()));
        scroll.managedProperty().bind(scroll.visibleProperty());
        return scroll;
    }

    private static Node noticeRow(Notice n) {
        boolean error = n.severity() == Severity.ERROR;
        Label what = new Label(n.message());
        what.setId("notice-" + n.kind().key());
        what.getStyleClass().add("notice-message");
        what.setWrapText(true);
        what.setMinHeight(Region.USE_PREF_SIZE);
        Label advice = new Label(Messages.get("training.notice.try", n.advice()));
        advice.getStyleClass().add("notice-advice");
        advice.setWrapText(true);
        advice.setMinHeight(Region.USE_PREF_SIZE);
        Label when = new Label(Messages.get("training.notice.when", n.epoch(), n.iteration()));
        when.getStyleClass().add("training-help");
        VBox text = new VBox(1, what, advice, when);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(8, Icons.icon(error ? Icons.ERROR : Icons.WARNING), text);
        row.getStyleClass().addAll("training-notice", error ? "problem-error" : "problem-warning");
        return row;
    }

    private static Button button(String id, String key, org.kordamp.ikonli.Ikon icon, Runnable action) {
        Button b = new Button(Messages.get(key), Icons.icon(icon));
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private HBox chartTools() {
        CheckBox log = new CheckBox(Messages.get("training.logScale"));
        log.setId("chart-log");
        log.selectedProperty().bindBidirectional(lossChart.logScaleProperty());
        Button reset = new Button(Messages.get("training.resetZoom"));
        reset.setId("chart-reset");
        reset.setOnAction(e -> {
            lossChart.resetZoom();
            accuracyChart.resetZoom();
            rateChart.resetZoom();
        });
        Button png = new Button(Messages.get("training.exportPng"));
        png.setId("export-png");
        png.setOnAction(e -> chooseExport.apply(fileStem() + ".png", "*.png").ifPresent(this::exportChartPng));
        Button csv = new Button(Messages.get("training.exportCsv"));
        csv.setId("export-csv");
        csv.setOnAction(e -> chooseExport.apply(fileStem() + ".csv", "*.csv").ifPresent(vm::exportCsv));
        Label hint = new Label(Messages.get("training.chartHint"));
        hint.getStyleClass().add("training-help");
        hint.setMinWidth(0);
        for (Region r : new Region[] {log, reset, png, csv}) r.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(8, log, reset, png, csv, hint);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private String fileStem() {
        return vm.designer().projectNameProperty().get().replaceAll("[^\\p{L}\\p{N}._-]+", "-") + "-training";
    }

    private Optional<Path> chooseExportFile(String suggested, String pattern) {
        FileChooser c = new FileChooser();
        c.setTitle(Messages.get("training.exportTitle"));
        c.setInitialFileName(suggested);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(pattern, pattern));
        Window owner = root.getScene() == null ? null : root.getScene().getWindow();
        return Optional.ofNullable(c.showSaveDialog(owner)).map(java.io.File::toPath);
    }

    /** Writes the charts as they are shown to a PNG file (a snapshot; must run on the FX thread). */
    public void exportChartPng(Path file) {
        WritableImage image = charts.snapshot(null, null);
        BufferedImage png = SwingFXUtils.fromFXImage(image, null);
        try {
            ImageIO.write(png, "png", file.toFile());
            vm.chartExported(file, Optional.empty());
        } catch (IOException e) {
            vm.chartExported(file, Optional.of(e.getMessage()));
        }
    }

    // --- charts ---------------------------------------------------------------------------------------------

    private void redrawCharts() {
        List<ChartView.Line> loss = new ArrayList<>();
        List<ChartView.Line> accuracy = new ArrayList<>();
        int k = 0;
        for (RunRecord r : vm.overlay()) {
            Color c = OVERLAY[k++ % OVERLAY.length];
            TrainingViewModel.RunCurves curves = vm.curves(r);
            String name = Messages.get("training.chart.run", runNumber(r));
            loss.add(new ChartView.Line(name, curves.loss(), c, 1.5, true, curves.loss().size() < 50));
            loss.add(new ChartView.Line("", curves.validationLoss(), c, 1, true, true));
            accuracy.add(new ChartView.Line(name, curves.validationAccuracy(), c, 1.5, true, true));
        }
        loss.add(new ChartView.Line(Messages.get("training.chart.raw"), vm.loss(), RAW, 1, false, false));
        loss.add(new ChartView.Line(Messages.get("training.chart.smoothed"), vm.smoothedLoss(), SMOOTH, 2, false, false));
        loss.add(new ChartView.Line(Messages.get("training.chart.validationLoss"), vm.validationLoss(), VALIDATION, 2,
                false, true));
        accuracy.add(new ChartView.Line(Messages.get("training.chart.validationAccuracy"), vm.validationAccuracy(),
                ACCURACY, 2, false, true));
        lossChart.setLines(loss);
        accuracyChart.setLines(accuracy);
        rateChart.setLines(List.of(new ChartView.Line("", vm.learningRate(), RATE, 2, false, false)));
    }

    private int runNumber(RunRecord r) { return vm.runs().indexOf(r) + 1; }

    // --- history -------------------------------------------------------------------------------------------------

    private VBox history() {
        runs.setId("runs-table");
        runs.setItems(vm.runs());
        runs.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runs.setPlaceholder(new Label(Messages.get("training.noRuns")));
        runs.getColumns().add(column("training.col.number", r -> Integer.toString(runNumber(r))));
        runs.getColumns().add(column("training.col.started", RunRecord::startedAt));
        runs.getColumns().add(column("training.col.epochs", r -> r.epochs().size() + "/" + r.settings().epochs()));
        runs.getColumns().add(column("training.col.learningRate", r -> SettingField.LEARNING_RATE.text(r.settings())));
        runs.getColumns().add(column("training.col.batch", r -> Integer.toString(r.settings().batchSize())));
        runs.getColumns().add(column("training.col.validation", r -> percent(TrainingViewModel.lastValidationAccuracy(r))));
        runs.getColumns().add(column("training.col.test", r -> percent(r.testAccuracy())));
        runs.getColumns().add(column("training.col.status", RunRecord::status));
        runs.getColumns().add(column("training.col.model",
                r -> r.hasModelFile() ? Path.of(r.modelFile()).getFileName().toString() : ""));
        runs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        runs.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRecord>) c ->
                vm.overlay().setAll(new ArrayList<>(runs.getSelectionModel().getSelectedItems())));
        Button restore = new Button(Messages.get("training.restore"));
        restore.setId("run-restore");
        restore.disableProperty().bind(runs.getSelectionModel().selectedItemProperty().isNull());
        restore.setOnAction(e -> {
            RunRecord r = runs.getSelectionModel().getSelectedItem();
            if (r != null) vm.restore(r);
        });
        restore.setTooltip(new Tooltip(Messages.get("training.restore.help")));
        Label title = new Label(Messages.get("training.history"));
        title.getStyleClass().add("training-label");
        Label hint = new Label(Messages.get("training.history.help"));
        hint.getStyleClass().add("training-help");
        hint.setMinWidth(0);
        HBox head = new HBox(8, title, restore, hint);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(4, head, runs);
        VBox.setVgrow(runs, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        return box;
    }

    private static TableColumn<RunRecord, String> column(String key, java.util.function.Function<RunRecord, String> value) {
        TableColumn<RunRecord, String> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

}
