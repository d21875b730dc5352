package org.perceptrix.ui;

import java.nio.file.Files;
import java.util.Optional;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import org.perceptrix.i18n.Messages;
import org.perceptrix.project.Project;
import org.perceptrix.project.ProjectFileException;
import org.perceptrix.project.ProjectFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: opens the designer window on the LeNet template, offering to recover unsaved work. */
public final class PerceptrixApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(PerceptrixApp.class);

    private UiSettings settings;
    private Project start;
    private Optional<Project> recovered = Optional.empty();

    /** Starts JavaFX and opens the window; called by the non-JavaFX launcher. */
    public static void launchApp(String[] args) {
        Application.launch(PerceptrixApp.class, args);
    }

    @Override
    public void init() {
        // Runs on the launcher thread: file reading here never holds up the FX thread.
        settings = UiSettings.load();
        Messages.setLocale(settings.locale());
        start = StarterProjects.load("lenet");
        if (Files.isRegularFile(MainWindow.recoveryFile())) {
            try {
                recovered = Optional.of(ProjectFiles.read(MainWindow.recoveryFile()));
            } catch (ProjectFileException e) {
                LOG.warn("Ignoring a damaged recovery file: {}", e.getMessage());
            }
        }
    }

    @Override
    public void start(Stage stage) {
        DesignerViewModel vm = new DesignerViewModel(start, null, TaskRunner.background());
        MainWindow window = new MainWindow(stage, vm, settings);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        window.show();
        org.perceptrix.ui.training.EngineWarmup.start();
        recovered.ifPresent(p -> Platform.runLater(() -> window.offerRecovery(p)));
    }
}
