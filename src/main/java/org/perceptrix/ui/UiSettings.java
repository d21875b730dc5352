package org.perceptrix.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.perceptrix.i18n.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's settings (language, theme, recent files), kept in {@code settings.properties} in the Perceptrix home:
 * the system property {@code perceptrix.home}, else {@code ~/.perceptrix}. Saving happens off the FX thread.
 */
public final class UiSettings {
    private static final Logger LOG = LoggerFactory.getLogger(UiSettings.class);
    private static final int MAX_RECENT = 8;
    private static final ExecutorService WRITER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "perceptrix-settings");
        t.setDaemon(true);
        return t;
    });

    /** Light or dark look. */
    public enum Theme { LIGHT, DARK }

    private final Path file;
    private Locale locale;
    private Theme theme;
    private final List<Path> recent = new ArrayList<>();

    private UiSettings(Path file, Locale locale, Theme theme) {
        this.file = file;
        this.locale = locale;
        this.theme = theme;
    }

    /** The folder for settings, recovery files and the like. */
    public static Path home() {
        return Path.of(System.getProperty("perceptrix.home", System.getProperty("user.home") + "/.perceptrix"));
    }

    /** Reads the settings (call off the FX thread, e.g. in {@code Application.init}); defaults when absent. */
    public static UiSettings load() {
        Path file = home().resolve("settings.properties");
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                LOG.warn("Could not read settings {}: {}", file, e.getMessage());
            }
        }
        String lang = p.getProperty("language");
        Locale locale = lang == null ? Messages.supported(Locale.getDefault()) : Messages.supported(Locale.forLanguageTag(lang));
        Theme theme = "dark".equals(p.getProperty("theme")) ? Theme.DARK : Theme.LIGHT;
        UiSettings s = new UiSettings(file, locale, theme);
        for (int i = 0; i < MAX_RECENT; i++) {
            String r = p.getProperty("recent." + i);
            if (r != null) s.recent.add(Path.of(r));
        }
        return s;
    }

    public Locale locale() { return locale; }

    public Theme theme() { return theme; }

    public List<Path> recentFiles() { return List.copyOf(recent); }

    public void setLocale(Locale locale) {
        this.locale = Messages.supported(locale);
        save();
    }

    public void setTheme(Theme theme) {
        this.theme = theme;
        save();
    }

    public void addRecent(Path path) {
        Path p = path.toAbsolutePath().normalize();
        recent.remove(p);
        recent.add(0, p);
        while (recent.size() > MAX_RECENT) recent.remove(recent.size() - 1);
        save();
    }

    private void save() {
        Properties p = new Properties();
        p.setProperty("language", locale.toLanguageTag());
        p.setProperty("theme", theme == Theme.DARK ? "dark" : "light");
        for (int i = 0; i < recent.size(); i++) p.setProperty("recent." + i, recent.get(i).toString());
        WRITER.execute(() -> {
            try {
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    p.store(out, "Perceptrix settings");
                }
            } catch (IOException e) {
                LOG.warn("Could not save settings {}: {}", file, e.getMessage());
            }
        });
    }
}
