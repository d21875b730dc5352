package org.perceptrix.ui;

import java.util.Locale;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import org.kordamp.ikonli.Ikon;

import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.i18n.Messages;

/**
 * The designer window: menus and toolbar, palette, canvas, inspector, problems list and status bar, wired to one
 * {@link DesignerViewModel}. Switching the language rebuilds the window's contents around the same view model.
 */
public final class MainWindow {
    private static final String STYLESHEET = MainWindow.class.getResource("designer.css").toExternalForm();

    private final Stage stage;
    private final DesignerViewModel vm;
    private final UiSettings settings;
    private Scene scene;
    private final FxTicker autosave;
    private CanvasView canvas;
    private ToggleGroup themeToggles;
    private Subscriptions subscriptions = new Subscriptions();
    private FileDialogs fileDialogs = FileDialogs.platform();
    private final TaskRunner tasks;
    private final org.perceptrix.ui.training.TrainingViewModel training;
    private org.perceptrix.ui.training.TrainingPanel trainingPanel;
    private javafx.scene.control.TabPane tabs;
    private javafx.scene.control.Tab trainingTab;
    private final org.perceptrix.ui.search.SearchViewModel search;
    private org.perceptrix.ui.search.SearchView searchView;
    private javafx.scene.control.Tab searchTab;
    private final org.perceptrix.ui.models.ModelLibrary models;
    private final org.perceptrix.ui.explorer.ExplorerViewModel explorer;
    private org.perceptrix.ui.explorer.ExplorerPanel explorerPanel;
    private javafx.scene.control.Tab predictionsTab;
    private final org.perceptrix.ui.pad.PadViewModel pad;
    private org.perceptrix.ui.pad.PadView padView;
    private javafx.scene.control.Tab drawTab;

    public MainWindow(Stage stage, DesignerViewModel vm, UiSettings settings) {
        this(stage, vm, settings, TaskRunner.background());
    }

    public MainWindow(Stage stage, DesignerViewModel vm, UiSettings settings, TaskRunner tasks) {
        this.stage = stage;
        this.vm = vm;
        this.settings = settings;
        this.tasks = tasks;
        this.training = org.perceptrix.ui.training.TrainingViewModel.forApp(vm, Platform::runLater, tasks);
        this.search = org.perceptrix.ui.search.SearchViewModel.forApp(vm, Platform::runLater);
        this.models = new org.perceptrix.ui.models.ModelLibrary(vm.runs(), tasks);
        this.explorer = org.perceptrix.ui.explorer.ExplorerViewModel.forApp(models, Platform::runLater);
        this.pad = org.perceptrix.ui.pad.PadViewModel.forApp(models);
        vm.onFileUsed(settings::addRecent);
        Messages.setLocale(settings.locale());
        applyTheme(settings.theme());
        scene = new Scene(buildRoot(), 1280, 800);
        scene.getStylesheets().add(STYLESHEET);
        stage.setScene(scene);
        stage.titleProperty().bind(vm.titleProperty());
        stage.setOnCloseRequest(e -> {
            e.consume();
            whenChangesAreSafe(this::close);
        });
        // Not a Timeline: a running animation keeps JavaFX pulsing 60 times a second, which took CPU from training.
        autosave = new FxTicker(AUTOSAVE_EVERY_MILLIS, () -> vm.autosave(recoveryFile()));
        autosave.start();
    }

    private static final long AUTOSAVE_EVERY_MILLIS = 30_000;

    /** Where unsaved work is copied every half minute, and looked for at the next start. */
    public static java.nio.file.Path recoveryFile() { return UiSettings.home().resolve("recovery.json"); }

    /** Replaces the file choosers (tests). */
    void setFileDialogs(FileDialogs dialogs) { this.fileDialogs = dialogs; }

    /** Offers to restore work found in the recovery file after a crash. */
    public void offerRecovery(org.perceptrix.project.Project recovered) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, Messages.get("recovery.text", recovered.name()),
                ButtonType.YES, ButtonType.NO);
        a.initOwner(stage);
        a.setTitle(Messages.get("recovery.title"));
        a.setHeaderText(null);
        a.showAndWait().ifPresent(b -> {
            if (b == ButtonType.YES) {
                vm.recover(recovered);
                Platform.runLater(() -> canvas.fitToWindow());
            } else {
                deleteRecovery();
            }
        });
    }

    private void close() {
        autosave.stop();
        training.stop();
        search.stop();
        deleteRecovery();
        stage.close();
    }

    private void deleteRecovery() {
        java.nio.file.Path f = recoveryFile();
        tasks.run(() -> {
            try {
                return java.nio.file.Files.deleteIfExists(f);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, ok -> { }, e -> { });
    }

    public void show() {
        stage.show();
        Platform.runLater(() -> {
            canvas.fitToWindow();
            canvas.focus();
        });
    }

    public DesignerViewModel viewModel() { return vm; }

    CanvasView canvas() { return canvas; }

    public org.perceptrix.ui.training.TrainingViewModel training() { return training; }

    public org.perceptrix.ui.training.TrainingPanel trainingPanel() { return trainingPanel; }

    /** The trained models the predictions explorer and the drawing pad share. */
    public org.perceptrix.ui.models.ModelLibrary models() { return models; }

    public org.perceptrix.ui.search.SearchViewModel search() { return search; }

    public org.perceptrix.ui.search.SearchView searchView() { return searchView; }

    /** Shows the grid search (Ctrl+G). */
    public void showSearch() { tabs.getSelectionModel().select(searchTab); }

    public org.perceptrix.ui.explorer.ExplorerViewModel explorer() { return explorer; }

    public org.perceptrix.ui.explorer.ExplorerPanel explorerPanel() { return explorerPanel; }

    /** Shows the predictions explorer (Ctrl+Shift+P), which evaluates the chosen model if needed. */
    public void showPredictions() { tabs.getSelectionModel().select(predictionsTab); }

    /** The drawing pad's view model (the drawing survives a language switch). */
    public org.perceptrix.ui.pad.PadViewModel pad() { return pad; }

    public org.perceptrix.ui.pad.PadView padView() { return padView; }

    /** Shows the drawing pad (Ctrl+Shift+D). */
    public void showPad() { tabs.getSelectionModel().select(drawTab); }

    /** Shows the training panel (Ctrl+T). */
    public void showTraining() { tabs.getSelectionModel().select(trainingTab); }

    private Parent buildRoot() {
        Pane ghostLayer = new Pane();
        ghostLayer.setMouseTransparent(true);
        ghostLayer.setPickOnBounds(false);
        subscriptions.dispose();
        subscriptions = new Subscriptions();
        canvas = new CanvasView(vm, subscriptions);
        PaletteView palette = new PaletteView(canvas, ghostLayer);
        InspectorView inspector = new InspectorView(vm, subscriptions);
        ProblemsView problems = new ProblemsView(vm, subscriptions);
        StatusBarView status = new StatusBarView(vm, subscriptions);
        if (trainingPanel != null) trainingPanel.dispose();
        trainingPanel = new org.perceptrix.ui.training.TrainingPanel(training, subscriptions);
        if (searchView != null) searchView.dispose();
        searchView = new org.perceptrix.ui.search.SearchView(search, subscriptions);

        SplitPane centre = new SplitPane(canvas.root(), problems.root());
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.82);
        SplitPane.setResizableWithParent(problems.root(), false);
        javafx.scene.control.Tab networkTab = new javafx.scene.control.Tab(Messages.get("tab.network"), centre);
        networkTab.setId("tab-network");
        networkTab.setClosable(false);
        trainingTab = new javafx.scene.control.Tab(Messages.get("tab.training"), trainingPanel.root());
        trainingTab.setId("tab-training");
        trainingTab.setClosable(false);
        trainingTab.setGraphic(Icons.icon(Icons.CHART));
        searchTab = new javafx.scene.control.Tab(Messages.get("tab.search"), searchView.root());
        searchTab.setId("tab-search");
        searchTab.setClosable(false);
        searchTab.setGraphic(Icons.icon(Icons.SEARCH));
        explorer.deactivate();
        explorer.languageChanged();
        explorerPanel = new org.perceptrix.ui.explorer.ExplorerPanel(explorer, subscriptions);
        predictionsTab = new javafx.scene.control.Tab(Messages.get("tab.predictions"), explorerPanel.root());
        predictionsTab.setId("tab-predictions");
        predictionsTab.setClosable(false);
        predictionsTab.setGraphic(Icons.icon(org.kordamp.ikonli.materialdesign2.MaterialDesignT.TABLE_EYE));
        predictionsTab.selectedProperty().addListener((o, a, shown) -> {
            if (shown) explorer.activate();
            else explorer.deactivate();
        });
        padView = new org.perceptrix.ui.pad.PadView(pad, subscriptions);
        drawTab = new javafx.scene.control.Tab(Messages.get("tab.draw"), padView.root());
        drawTab.setId("tab-draw");
        drawTab.setClosable(false);
        drawTab.setGraphic(Icons.icon(Icons.DRAW));
        // The starter model is read when the pad is first shown, not at start-up.
        drawTab.selectedProperty().addListener((o, a, b) -> {
            if (b) pad.start();
        });
        tabs = new javafx.scene.control.TabPane(networkTab, trainingTab, searchTab, predictionsTab, drawTab);
        tabs.setId("main-tabs");
        SplitPane main = new SplitPane(palette.root(), tabs, inspector.root());
        main.setDividerPositions(0.17, 0.77);
        SplitPane.setResizableWithParent(palette.root(), false);
        SplitPane.setResizableWithParent(inspector.root(), false);

        BorderPane layout = new BorderPane(main);
        layout.setTop(new VBox(menuBar(), toolBar()));
        layout.setBottom(status.root());
        StackPane root = new StackPane(layout, ghostLayer);
        root.setId("main-window");
        return root;
    }

    // --- menus -------------------------------------------------------------------------------------------------

    private MenuBar menuBar() {
        Menu file = new Menu(Messages.get("menu.file"));
        Menu recent = new Menu(Messages.get("menu.recent"));
        recent.setId("menu-recent");
        file.setOnShowing(e -> fillRecent(recent));
        fillRecent(recent);
        file.getItems().addAll(
                item("menu-new", "menu.new", Icons.NEW, "Shortcut+N", this::newNetwork),
                item("menu-templates", "menu.templates", Icons.TEMPLATES, "Shortcut+Shift+N", this::showGallery),
                item("menu-open", "menu.open", Icons.OPEN, "Shortcut+O", this::openFile),
                recent,
                new SeparatorMenuItem(),
                item("menu-save", "menu.save", Icons.SAVE, "Shortcut+S", () -> save(() -> { })),
                item("menu-save-as", "menu.saveAs", null, "Shortcut+Shift+S", () -> saveAs(() -> { })),
                new SeparatorMenuItem(),
                item("menu-quit", "menu.quit", null, "Shortcut+Q", () -> whenChangesAreSafe(this::close)));

        MenuItem undo = item("menu-undo", "menu.undo", Icons.UNDO, "Shortcut+Z", vm::undo);
        undo.disableProperty().bind(vm.jobs().canUndoProperty().not());
        MenuItem redo = item("menu-redo", "menu.redo", Icons.REDO, "Shortcut+Shift+Z", vm::redo);
        redo.disableProperty().bind(vm.jobs().canRedoProperty().not());
        MenuItem redoY = item("menu-redo-y", "menu.redoAlt", null, "Shortcut+Y", vm::redo);
        redoY.disableProperty().bind(vm.jobs().canRedoProperty().not());
        Menu edit = new Menu(Messages.get("menu.edit"));
        edit.setOnShowing(e -> {
            undo.setText(vm.jobs().canUndoProperty().get()
                    ? Messages.get("menu.undoWhat", vm.jobs().undoDescription()) : Messages.get("menu.undo"));
            redo.setText(vm.jobs().canRedoProperty().get()
                    ? Messages.get("menu.redoWhat", vm.jobs().redoDescription()) : Messages.get("menu.redo"));
        });
        edit.getItems().addAll(undo, redo, redoY, new SeparatorMenuItem(),
                item("menu-cut", "menu.cut", null, "Shortcut+X", vm::cutSelection),
                item("menu-copy", "menu.copy", Icons.COPY, "Shortcut+C", vm::copySelection),
                item("menu-paste", "menu.paste", Icons.PASTE, "Shortcut+V", vm::paste),
                item("menu-duplicate", "menu.duplicate", Icons.DUPLICATE, "Shortcut+D", vm::duplicateSelection),
                item("menu-delete", "menu.delete", Icons.DELETE, null, vm::deleteSelected),
                new SeparatorMenuItem(),
                item("menu-connect", "menu.connect", Icons.CONNECT, "Shortcut+E", this::connectSelected),
                item("menu-select-all", "menu.selectAll", null, "Shortcut+A", vm::selectAll));

        CheckMenuItem snap = new CheckMenuItem(Messages.get("menu.snap"));
        snap.setId("menu-snap");
        snap.selectedProperty().bindBidirectional(vm.snapToGridProperty());
        Menu view = new Menu(Messages.get("menu.view"));
        view.getItems().addAll(
                item("menu-zoom-in", "menu.zoomIn", Icons.ZOOM_IN, "Shortcut+EQUALS", () -> canvas.zoomBy(1.2)),
                item("menu-zoom-out", "menu.zoomOut", Icons.ZOOM_OUT, "Shortcut+MINUS", () -> canvas.zoomBy(1 / 1.2)),
                item("menu-fit", "menu.fit", Icons.FIT, "Shortcut+0", () -> canvas.fitToWindow()),
                new SeparatorMenuItem(),
                item("menu-layout", "menu.layout", Icons.LAYOUT, "Shortcut+L", this::autoLayout),
                snap);

        ToggleGroup languages = new ToggleGroup();
        Menu language = new Menu(Messages.get("menu.language"));
        for (Locale l : Messages.SUPPORTED) {
            RadioMenuItem r = new RadioMenuItem(Messages.get("language." + l.getLanguage()));
            r.setId("menu-language-" + l.getLanguage());
            r.setToggleGroup(languages);
            r.setSelected(l.equals(Messages.locale()));
            r.setOnAction(e -> switchLanguage(l));
            language.getItems().add(r);
        }
        ToggleGroup themes = new ToggleGroup();
        themeToggles = themes;
        Menu theme = new Menu(Messages.get("menu.theme"));
        for (UiSettings.Theme t : UiSettings.Theme.values()) {
            RadioMenuItem r = new RadioMenuItem(Messages.get("theme." + t.name().toLowerCase(Locale.ROOT)));
            r.setId("menu-theme-" + t.name().toLowerCase(Locale.ROOT));
            r.setToggleGroup(themes);
            r.setUserData(t);
            r.setSelected(t == settings.theme());
            r.setOnAction(e -> {
                settings.setTheme(t);
                applyTheme(t);
            });
            theme.getItems().add(r);
        }
        Menu settingsMenu = new Menu(Messages.get("menu.settings"));
        settingsMenu.getItems().addAll(language, theme);

        MenuItem trainItem = item("menu-train", "menu.train", Icons.TRAIN, "Shortcut+ENTER", this::train);
        trainItem.disableProperty().bind(training.canTrainProperty().not());
        MenuItem pauseItem = item("menu-pause", "menu.pauseResume", Icons.PAUSE, "Shortcut+P", this::pauseOrResume);
        MenuItem stopItem = item("menu-stop", "menu.stop", Icons.STOP, "Shortcut+PERIOD", training::stop);
        stopItem.disableProperty().bind(training.stateProperty().isEqualTo(
                org.perceptrix.ui.training.TrainingViewModel.State.IDLE));
        Menu trainMenu = new Menu(Messages.get("menu.training"));
        trainMenu.getItems().addAll(trainItem, pauseItem, stopItem, new SeparatorMenuItem(),
                item("menu-show-training", "menu.showTraining", Icons.CHART, "Shortcut+T", this::showTraining),
                item("menu-search", "menu.search", Icons.SEARCH, "Shortcut+G", this::showSearch),
                item("menu-show-network", "menu.showNetwork", null, "Shortcut+SHIFT+T",
                        () -> tabs.getSelectionModel().select(0)),
                item("menu-show-predictions", "menu.showPredictions", null, "Shortcut+SHIFT+P",
                        this::showPredictions),
                item("menu-show-pad", "menu.showPad", Icons.DRAW, "Shortcut+SHIFT+D", this::showPad));

        Menu help = new Menu(Messages.get("menu.help"));
        help.getItems().addAll(
                item("menu-shortcuts", "menu.shortcuts", null, "F1", this::showShortcuts),
                item("menu-about", "menu.about", null, null, this::showAbout));

        MenuBar bar = new MenuBar(file, edit, view, trainMenu, settingsMenu, help);
        bar.setId("menu-bar");
        return bar;
    }

    private static MenuItem item(String id, String key, Ikon icon, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(Messages.get(key));
        m.setId(id);
        if (icon != null) m.setGraphic(Icons.icon(icon));
        if (accelerator != null) m.setAccelerator(KeyCombination.keyCombination(accelerator));
        m.setOnAction(e -> action.run());
        return m;
    }

    private ToolBar toolBar() {
        Button undo = tool("tool-undo", Icons.UNDO, "menu.undo", vm::undo);
        undo.disableProperty().bind(vm.jobs().canUndoProperty().not());
        Button redo = tool("tool-redo", Icons.REDO, "menu.redo", vm::redo);
        redo.disableProperty().bind(vm.jobs().canRedoProperty().not());
        Button trainTool = tool("tool-train", Icons.TRAIN, "menu.train", this::train);
        trainTool.disableProperty().bind(training.canTrainProperty().not());
        ToolBar bar = new ToolBar(
                tool("tool-new", Icons.NEW, "menu.new", this::newNetwork),
                tool("tool-templates", Icons.TEMPLATES, "menu.templates", this::showGallery),
                tool("tool-open", Icons.OPEN, "menu.open", this::openFile),
                tool("tool-save", Icons.SAVE, "menu.save", () -> save(() -> { })),
                new javafx.scene.control.Separator(Orientation.VERTICAL),
                undo, redo,
                new javafx.scene.control.Separator(Orientation.VERTICAL),
                tool("tool-copy", Icons.COPY, "menu.copy", vm::copySelection),
                tool("tool-paste", Icons.PASTE, "menu.paste", vm::paste),
                tool("tool-duplicate", Icons.DUPLICATE, "menu.duplicate", vm::duplicateSelection),
                tool("tool-delete", Icons.DELETE, "menu.delete", vm::deleteSelected),
                new javafx.scene.control.Separator(Orientation.VERTICAL),
                tool("tool-layout", Icons.LAYOUT, "menu.layout", this::autoLayout),
                tool("tool-fit", Icons.FIT, "menu.fit", () -> canvas.fitToWindow()),
                tool("tool-zoom-in", Icons.ZOOM_IN, "menu.zoomIn", () -> canvas.zoomBy(1.2)),
                tool("tool-zoom-out", Icons.ZOOM_OUT, "menu.zoomOut", () -> canvas.zoomBy(1 / 1.2)),
                new javafx.scene.control.Separator(Orientation.VERTICAL),
                tool("tool-theme", Icons.THEME, "menu.theme", this::toggleTheme),
                new javafx.scene.control.Separator(Orientation.VERTICAL),
                trainTool);
        bar.setId("toolbar");
        return bar;
    }

    private static Button tool(String id, Ikon icon, String tipKey, Runnable action) {
        Button b = new Button(null, Icons.icon(icon));
        b.setId(id);
        b.getStyleClass().add("flat");
        b.setTooltip(new Tooltip(Messages.get(tipKey)));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    // --- actions -----------------------------------------------------------------------------------------------

    /** Shows the training panel and starts a run with the project as it is. */
    private void train() {
        showTraining();
        training.train();
    }

    private void pauseOrResume() {
        if (training.state() == org.perceptrix.ui.training.TrainingViewModel.State.PAUSED) training.resume();
        else training.pause();
    }

    private void newNetwork() {
        whenChangesAreSafe(() -> {
            vm.replaceGraph(new NetworkGraph(), Messages.get("project.untitled"));
            canvas.fitToWindow();
        });
    }

    private void showGallery() {
        whenChangesAreSafe(() -> TemplateGallery.show(stage, t -> {
            vm.replaceProject(StarterProjects.load(t.id()), null);
            Platform.runLater(() -> canvas.fitToWindow());
        }));
    }

    private void openFile() {
        whenChangesAreSafe(() -> fileDialogs.chooseOpen(stage).ifPresent(this::open));
    }

    private void open(java.nio.file.Path path) {
        vm.open(path, () -> Platform.runLater(() -> canvas.fitToWindow()));
    }

    private void fillRecent(Menu recent) {
        recent.getItems().clear();
        for (java.nio.file.Path p : settings.recentFiles()) {
            MenuItem m = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            m.setMnemonicParsing(false);
            m.setOnAction(e -> whenChangesAreSafe(() -> open(p)));
            recent.getItems().add(m);
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    private void save(Runnable then) {
        if (!vm.save(then)) saveAs(then);
    }

    private void saveAs(Runnable then) {
        fileDialogs.chooseSave(stage, vm.projectNameProperty().get()).ifPresent(p -> vm.saveAs(p, then));
    }

    private void autoLayout() {
        vm.autoLayout();
        canvas.fitToWindow();
    }

    /** Connects the first selected layer to the second (the keyboard way to connect). */
    private void connectSelected() {
        if (vm.selection().size() != 2) {
            vm.showMessage(Messages.get("connect.selectTwo"));
            return;
        }
        var it = vm.selection().iterator();
        vm.connect(it.next(), it.next());
    }

    private void switchLanguage(Locale locale) {
        settings.setLocale(locale);
        Messages.setLocale(locale);
        vm.languageChanged();
        // A new scene, not just a new root: menu accelerators live in the scene, and swapping roots loses them.
        scene = new Scene(buildRoot(), scene.getWidth(), scene.getHeight());
        scene.getStylesheets().add(STYLESHEET);
        stage.setScene(scene);
        Platform.runLater(() -> {
            canvas.fitToWindow();
            canvas.focus();
        });
    }

    private void toggleTheme() {
        UiSettings.Theme t = settings.theme() == UiSettings.Theme.DARK ? UiSettings.Theme.LIGHT : UiSettings.Theme.DARK;
        settings.setTheme(t);
        applyTheme(t);
        themeToggles.getToggles().stream().filter(x -> x.getUserData() == t).findFirst()
                .ifPresent(x -> x.setSelected(true));
    }

    static void applyTheme(UiSettings.Theme theme) {
        Application.setUserAgentStylesheet(theme == UiSettings.Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    /** Runs {@code action} at once when nothing is unsaved; else asks to save, discard or cancel first. */
    private void whenChangesAreSafe(Runnable action) {
        if (!vm.jobs().isDirty()) {
            action.run();
            return;
        }
        ButtonType save = new ButtonType(Messages.get("discard.save"), javafx.scene.control.ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType(Messages.get("discard.discard"), javafx.scene.control.ButtonBar.ButtonData.NO);
        ButtonType cancel = new ButtonType(Messages.get("discard.cancel"), javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, Messages.get("discard.text", vm.projectNameProperty().get()),
                save, discard, cancel);
        a.initOwner(stage);
        a.setTitle(Messages.get("discard.title"));
        a.setHeaderText(null);
        a.getDialogPane().setId("discard-dialog");
        a.showAndWait().ifPresent(b -> {
            if (b == save) save(action);
            else if (b == discard) action.run();
        });
    }

    private void showShortcuts() {
        TextArea text = new TextArea(Messages.get("shortcuts.text"));
        text.setEditable(false);
        text.setPrefSize(560, 420);
        text.setId("shortcuts-text");
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle(Messages.get("menu.shortcuts"));
        a.setHeaderText(null);
        a.getDialogPane().setContent(text);
        a.show();
    }

    private void showAbout() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, Messages.get("about.text"));
        a.initOwner(stage);
        a.setTitle(Messages.get("menu.about"));
        a.setHeaderText(null);
        a.show();
    }
}
