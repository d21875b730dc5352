package org.perceptrix;

import ch.qos.logback.core.PropertyDefinerBase;

/** Tells logback where Perceptrix keeps its files: {@code perceptrix.home}, else {@code ~/.perceptrix}. */
public final class LogHome extends PropertyDefinerBase {
    @Override
    public String getPropertyValue() {
        return AppHome.directory().toString();
    }
}
