package org.perceptrix.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every user-visible text of Perceptrix, from the bundles {@code org/perceptrix/i18n/messages*.properties} (engine:
 * problems, layer help) and {@code org/perceptrix/i18n/ui*.properties} (the window). English is each base bundle;
 * Simplified Chinese is {@code *_zh.properties}.
 */
public final class Messages {
    /** The bundles looked up in order; a key lives in exactly one of them. */
    public static final List<String> BUNDLES = List.of("org.perceptrix.i18n.messages", "org.perceptrix.i18n.ui");
    /** The languages the app ships, in the settings' order. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    private static volatile Locale current = supported(Locale.getDefault());

    private Messages() {
    }

    /** The language in use: Chinese for a Chinese system, else English, unless switched in the settings. */
    public static Locale locale() { return current; }

    public static void setLocale(Locale locale) { current = supported(locale); }

    /** The supported locale closest to {@code wanted}. */
    public static Locale supported(Locale wanted) {
        return "zh".equals(wanted.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    /** One of {@link #BUNDLES} in a language, or empty when that bundle does not exist. */
    public static java.util.Optional<ResourceBundle> bundle(String baseName, Locale locale) {
        try {
            // No fallback to the JVM's default locale: English is the base bundle, whatever the system is.
            return java.util.Optional.of(ResourceBundle.getBundle(baseName, supported(locale),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        } catch (MissingResourceException e) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<String> pattern(Locale locale, String key) {
        for (String base : BUNDLES) {
            java.util.Optional<ResourceBundle> b = bundle(base, locale);
            if (b.isPresent() && b.get().containsKey(key)) return java.util.Optional.of(b.get().getString(key));
        }
        return java.util.Optional.empty();
    }

    /** The text for {@code key} in the current language, with {@link MessageFormat} arguments filled in. */
    public static String get(String key, Object... args) { return get(current, key, args); }

    public static String get(Locale locale, String key, Object... args) {
        java.util.Optional<String> found = pattern(locale, key);
        if (found.isEmpty()) return key;
        String pattern = found.get();
        if (args.length == 0) return pattern.replace("''", "'");
        return new MessageFormat(pattern, supported(locale)).format(args);
    }

    public static boolean has(String key) {
        return pattern(current, key).isPresent();
    }
}
