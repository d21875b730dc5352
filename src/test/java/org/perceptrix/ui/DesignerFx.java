package org.perceptrix.ui;

import java.util.Locale;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.testfx.api.FxRobot;

import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.i18n.Messages;

/** Shared set-up of the headless window tests. */
final class DesignerFx {
    private DesignerFx() {
    }

    /** Opens the window in English on a graph; settings come from the test home, never the real one. */
    static MainWindow open(Stage stage, NetworkGraph graph, String name) {
        return open(stage, new DesignerViewModel(graph, name));
    }

    static MainWindow open(Stage stage, org.perceptrix.project.Project project) {
        return open(stage, new DesignerViewModel(project, null, TaskRunner.synchronous()));
    }

    static MainWindow open(Stage stage, DesignerViewModel vm) {
        UiSettings settings = UiSettings.load();
        settings.setLocale(Locale.ENGLISH);
        settings.setTheme(UiSettings.Theme.LIGHT);
        Messages.setLocale(Locale.ENGLISH);
        MainWindow w = new MainWindow(stage, vm, settings, TaskRunner.synchronous());
        w.show();
        return w;
    }

    static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** A point on the canvas, in screen coordinates, at an offset from its top-left corner. */
    static Point2D onCanvas(FxRobot robot, double dx, double dy) {
        Node canvas = robot.lookup("#canvas").query();
        Bounds b = canvas.localToScreen(canvas.getLayoutBounds());
        return new Point2D(b.getMinX() + dx, b.getMinY() + dy);
    }
}
