package org.perceptrix.project;

import java.util.Locale;

import org.perceptrix.i18n.Messages;

/** A bundled starter project: its id, its file under {@code /assets/templates/}, and its name and description keys. */
public record Template(String id, String fileName, String nameKey, String descriptionKey) {

    /** A template whose file is {@code <id>.json} and whose texts are {@code template.<id>.name} and {@code .description}. */
    static Template of(String id) {
        return new Template(id, id + ProjectFiles.EXTENSION, "template." + id + ".name",
                "template." + id + ".description");
    }

    /** The template's name in the current language. */
    public String name() { return Messages.get(nameKey); }

    public String name(Locale locale) { return Messages.get(locale, nameKey); }

    /** One or two sentences on what the network is and what it learns, in the current language. */
    public String description() { return Messages.get(descriptionKey); }

    public String description(Locale locale) { return Messages.get(locale, descriptionKey); }

    /** Where the file lives on the classpath. */
    public String resource() { return Templates.FOLDER + fileName; }
}
