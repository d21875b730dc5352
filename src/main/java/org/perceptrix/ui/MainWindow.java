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
    private final Scene scene;
    private CanvasView canvas;

    public MainWindow(Stage stage, DesignerViewModel vm, UiSettings settings) {
        this.stage = stage;
        this.vm = vm;
        this.settings = settings;
        Messages.setLocale(settings.locale());
        applyTheme(settings.theme());
        scene = new Scene(buildRoot(), 1280, 800);
        scene.getStylesheets().add(STYLESHEET);
        stage.setScene(scene);
        stage.titleProperty().bind(vm.titleProperty());
        stage.setOnCloseRequest(e -> {
            if (!confirmDiscard()) e.consume();
        });
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

    private Parent buildRoot() {
        Pane ghostLayer = new Pane();
        ghostLayer.setMouseTransparent(true);
        ghostLayer.setPickOnBounds(false);
        canvas = new CanvasView(vm);
        PaletteView palette = new PaletteView(canvas, ghostLayer);
        InspectorView inspector = new InspectorView(vm);
        ProblemsView problems = new ProblemsView(vm);
        StatusBarView status = new StatusBarView(vm);

        SplitPane centre = new SplitPane(canvas.root(), problems.root());
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.82);
        SplitPane main = new SplitPane(palette.root(), centre, inspector.root());
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
        file.getItems().addAll(
                item("menu-new", "menu.new", Icons.NEW, "Shortcut+N", this::newNetwork),
                new SeparatorMenuItem(),
                item("menu-quit", "menu.quit", null, "Shortcut+Q", () -> {
                    if (confirmDiscard()) stage.close();
                }));

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
        Menu theme = new Menu(Messages.get("menu.theme"));
        for (UiSettings.Theme t : UiSettings.Theme.values()) {
            RadioMenuItem r = new RadioMenuItem(Messages.get("theme." + t.name().toLowerCase(Locale.ROOT)));
            r.setId("menu-theme-" + t.name().toLowerCase(Locale.ROOT));
            r.setToggleGroup(themes);
            r.setSelected(t == settings.theme());
            r.setOnAction(e -> {
                settings.setTheme(t);
                applyTheme(t);
            });
            theme.getItems().add(r);
        }
        Menu settingsMenu = new Menu(Messages.get("menu.settings"));
        settingsMenu.getItems().addAll(language, theme);

        Menu help = new Menu(Messages.get("menu.help"));
        help.getItems().addAll(
                item("menu-shortcuts", "menu.shortcuts", null, "F1", this::showShortcuts),
                item("menu-about", "menu.about", null, null, this::showAbout));

        MenuBar bar = new MenuBar(file, edit, view, settingsMenu, help);
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
        ToolBar bar = new ToolBar(
                tool("tool-new", Icons.NEW, "menu.new", this::newNetwork),
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
                tool("tool-theme", Icons.THEME, "menu.theme", this::toggleTheme));
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

    private void newNetwork() {
        if (!confirmDiscard()) return;
        vm.replaceGraph(new NetworkGraph(), Messages.get("project.untitled"));
        canvas.fitToWindow();
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
        scene.setRoot(buildRoot());
        Platform.runLater(() -> canvas.fitToWindow());
    }

    private void toggleTheme() {
        UiSettings.Theme t = settings.theme() == UiSettings.Theme.DARK ? UiSettings.Theme.LIGHT : UiSettings.Theme.DARK;
        settings.setTheme(t);
        applyTheme(t);
    }

    static void applyTheme(UiSettings.Theme theme) {
        Application.setUserAgentStylesheet(theme == UiSettings.Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    /** True when there is nothing unsaved, or the student agrees to lose it. */
    private boolean confirmDiscard() {
        if (!vm.jobs().isDirty()) return true;
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, Messages.get("discard.text"), ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(stage);
        a.setTitle(Messages.get("discard.title"));
        a.setHeaderText(null);
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
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
