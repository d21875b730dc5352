package org.perceptrix.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;

import org.perceptrix.i18n.Messages;

/**
 * Takes the screenshots in {@code docs/screenshots/} from the real window (run by {@code scripts/screenshots.sh}
 * under Xvfb): LeNet with conv1 selected, light and dark, at 1280×800 and 1920×1080, and in Chinese; and the
 * training panel after two short runs; the predictions explorer in both themes; and the drawing pad with a digit
 * and the look inside the network ({@code Screenshots <folder> pad} takes only that one).
 */
public final class Screenshots {
    private record Shot(String file, UiSettings.Theme theme, Locale locale, int width, int height) {
    }

    private static final List<Shot> SHOTS = List.of(
            new Shot("designer-light.png", UiSettings.Theme.LIGHT, Locale.ENGLISH, 1280, 800),
            new Shot("designer-dark.png", UiSettings.Theme.DARK, Locale.ENGLISH, 1280, 800),
            new Shot("designer-light-1920.png", UiSettings.Theme.LIGHT, Locale.ENGLISH, 1920, 1080),
            new Shot("designer-dark-1920.png", UiSettings.Theme.DARK, Locale.ENGLISH, 1920, 1080),
            new Shot("designer-zh.png", UiSettings.Theme.LIGHT, Locale.SIMPLIFIED_CHINESE, 1280, 800));

    private Screenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        if (args.length > 1 && args[1].equals("pad")) {
            padShot(out);
            Platform.exit();
            return;
        }
        for (Shot shot : SHOTS) {
            Shown shown = showLenet(shot.theme(), shot.locale(), shot.width(), shot.height(), w -> {
                DesignerViewModel vm = w.viewModel();
                vm.graph().nodeNamed("conv1").ifPresent(n -> vm.select(n.id()));
            });
            TimeUnit.MILLISECONDS.sleep(1500); // let layout, CSS and fit-to-window settle
            snapshotAndClose(shown.stage(), out.resolve(shot.file()));
        }
        trainingShot(out);
        explorerShot(out, UiSettings.Theme.LIGHT, "predictions-light.png");
        explorerShot(out, UiSettings.Theme.DARK, "predictions-dark.png");
        padShot(out);
        Platform.exit();
    }

    /** The Draw tab with a handwritten 2 read by the starter model, the look inside the network open. */
    private static void padShot(Path out) throws Exception {
        Shown shown = showLenet(UiSettings.Theme.LIGHT, 1440, 1000, MainWindow::showPad);
        MainWindow window = shown.window();
        Stage stage = shown.stage();
        while (onFx(() -> window.models().model() == null)) TimeUnit.MILLISECONDS.sleep(200);
        onFx(() -> {
            org.perceptrix.ui.pad.PadViewModel pad = window.pad();
            pad.beginStroke(85, 105);
            for (int i = 1; i <= 20; i++) { // the arc of a 2, then its diagonal and its base
                double a = Math.PI + Math.PI * i / 20;
                pad.extendStroke(140 + 55 * Math.cos(a), 105 + 50 * Math.sin(a));
            }
            for (int i = 1; i <= 12; i++) pad.extendStroke(195 - 105 * i / 12.0, 105 + 125 * i / 12.0);
            for (int i = 1; i <= 8; i++) pad.extendStroke(90 + 115 * i / 8.0, 230);
            pad.endStroke();
            pad.insideVisibleProperty().set(true);
            return null;
        });
        TimeUnit.MILLISECONDS.sleep(3000);
        snapshotAndClose(stage, out.resolve("drawing-pad.png"));
    }

    /** The training panel after two short runs on a slice of MNIST, both overlaid. */
    private static void trainingShot(Path out) throws Exception {
        Shown shown = showLenet(UiSettings.Theme.LIGHT, 1440, 900, w -> {
            w.showTraining();
            w.training().limitProperty().set(1000);
            w.training().set(org.perceptrix.ui.training.SettingField.EPOCHS, "3");
        });
        MainWindow window = shown.window();
        Stage stage = shown.stage();
        for (String lr : List.of("0.01", "0.002")) {
            onFx(() -> {
                window.training().set(org.perceptrix.ui.training.SettingField.LEARNING_RATE, lr);
                window.training().train();
                return null;
            });
            TimeUnit.MILLISECONDS.sleep(500);
            while (onFx(() -> window.training().isRunning())) TimeUnit.MILLISECONDS.sleep(200);
        }
        onFx(() -> {
            window.trainingPanel().runsTable().getSelectionModel().selectAll();
            return null;
        });
        TimeUnit.MILLISECONDS.sleep(1000);
        snapshotAndClose(stage, out.resolve("training-panel.png"));
    }

    /** The predictions explorer on the starter model, showing the sevens it read as twos. */
    private static void explorerShot(Path out, UiSettings.Theme theme, String file) throws Exception {
        Shown shown = showLenet(theme, 1440, 900, MainWindow::showPredictions);
        MainWindow window = shown.window();
        Stage stage = shown.stage();
        while (onFx(() -> window.explorer().results() == null)) TimeUnit.MILLISECONDS.sleep(200);
        onFx(() -> {
            window.explorer().showCell(7, 2);
            return null;
        });
        TimeUnit.MILLISECONDS.sleep(1000);
        snapshotAndClose(stage, out.resolve(file));
    }

    private record Shown(Stage stage, MainWindow window) {
    }

    private static Shown showLenet(UiSettings.Theme theme, int width, int height,
                                   java.util.function.Consumer<MainWindow> then) throws Exception {
        return showLenet(theme, Locale.ENGLISH, width, height, then);
    }

    /** Opens the window on the LeNet template in {@code theme}, language and size; {@code then} runs on the FX thread. */
    private static Shown showLenet(UiSettings.Theme theme, Locale locale, int width, int height,
                                   java.util.function.Consumer<MainWindow> then) throws Exception {
        return onFx(() -> {
            UiSettings settings = UiSettings.load();
            settings.setTheme(theme);
            settings.setLocale(locale);
            Messages.setLocale(locale);
            Stage s = new Stage();
            DesignerViewModel vm = new DesignerViewModel(StarterProjects.load("lenet"), null, TaskRunner.background());
            MainWindow w = new MainWindow(s, vm, settings);
            s.setWidth(width);
            s.setHeight(height);
            w.show();
            then.accept(w);
            return new Shown(s, w);
        });
    }

    private static void snapshotAndClose(Stage stage, Path file) throws Exception {
        WritableImage image = onFx(() -> stage.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        onFx(() -> {
            stage.close();
            return null;
        });
    }

    private static <T> T onFx(Supplier<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }
}
