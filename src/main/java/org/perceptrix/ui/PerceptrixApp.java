package org.perceptrix.ui;

import javafx.application.Application;
import javafx.stage.Stage;

import org.perceptrix.i18n.Messages;

/** The JavaFX application: opens the designer window on the LeNet network. */
public final class PerceptrixApp extends Application {
    private UiSettings settings;

    /** Starts JavaFX and opens the window; called by the non-JavaFX launcher. */
    public static void launchApp(String[] args) {
        Application.launch(PerceptrixApp.class, args);
    }

    @Override
    public void init() {
        // Runs on the launcher thread, so reading the settings file never holds up the FX thread.
        settings = UiSettings.load();
        Messages.setLocale(settings.locale());
    }

    @Override
    public void start(Stage stage) {
        DesignerViewModel vm = new DesignerViewModel(SampleNetworks.lenet(), "LeNet");
        MainWindow window = new MainWindow(stage, vm, settings);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        window.show();
    }
}
