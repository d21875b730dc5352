package org.perceptrix.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every user-visible text of Perceptrix, from the bundle {@code org/perceptrix/i18n/messages*.properties}.
 * English is the base bundle; Simplified Chinese is {@code messages_zh.properties}.
 */
public final class Messages {
    public static final String BUNDLE = "org.perceptrix.i18n.messages";
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

    public static ResourceBundle bundle(Locale locale) {
        // No fallback to the JVM's default locale: English is the base bundle, whatever the system is.
        return ResourceBundle.getBundle(BUNDLE, supported(locale),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static ResourceBundle bundle() { return bundle(current); }

    /** The text for {@code key} in the current language, with {@link MessageFormat} arguments filled in. */
    public static String get(String key, Object... args) { return get(current, key, args); }

    public static String get(Locale locale, String key, Object... args) {
        String pattern;
        try {
            pattern = bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        if (args.length == 0) return pattern.replace("''", "'");
        return new MessageFormat(pattern, supported(locale)).format(args);
    }

    public static boolean has(String key) {
        return bundle(current).containsKey(key);
    }
}
