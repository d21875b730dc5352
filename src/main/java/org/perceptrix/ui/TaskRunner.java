package org.perceptrix.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.application.Platform;

/**
 * Runs slow work (file reading and writing) away from the FX thread and hands the result back on it. Tests use
 * {@link #synchronous()}, so view models are tested without the FX thread.
 */
public interface TaskRunner {

    <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<RuntimeException> onFailure);

    /** One background thread; results come back through {@link Platform#runLater}. */
    static TaskRunner background() {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "perceptrix-files");
            t.setDaemon(true);
            return t;
        });
        return new TaskRunner() {
            @Override
            public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<RuntimeException> onFailure) {
                pool.execute(() -> {
                    try {
                        T result = work.get();
                        Platform.runLater(() -> onSuccess.accept(result));
                    } catch (RuntimeException e) {
                        Platform.runLater(() -> onFailure.accept(e));
                    }
                });
            }
        };
    }

    /** Runs everything at once on the calling thread. */
    static TaskRunner synchronous() {
        return new TaskRunner() {
            @Override
            public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<RuntimeException> onFailure) {
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            }
        };
    }
}
