package org.perceptrix;

import java.nio.file.Path;

/** Where Perceptrix keeps settings, logs, recovery files and trained models: {@code perceptrix.home} or ~/.perceptrix. */
public final class AppHome {
    private AppHome() {
    }

    public static Path directory() {
        String configured = System.getProperty("perceptrix.home");
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        return Path.of(System.getProperty("user.home"), ".perceptrix");
    }
}
