package org.perceptrix.ui;

import org.perceptrix.project.Project;
import org.perceptrix.project.Templates;

/** Templates as the designer opens them: laid out by {@link AutoLayout}, so every card and edge label has room. */
public final class StarterProjects {
    private StarterProjects() {
    }

    public static Project load(String templateId) {
        Project p = Templates.load(templateId);
        AutoLayout.apply(p.graph());
        return p;
    }
}
