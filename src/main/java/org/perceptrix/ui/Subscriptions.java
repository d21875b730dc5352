package org.perceptrix.ui;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

/**
 * The listeners a set of views put on the long-lived view model, removed together when the views are thrown away
 * (the window is rebuilt after a language switch), so old views neither leak nor keep working in the background.
 */
public final class Subscriptions {
    private final List<Runnable> removals = new ArrayList<>();

    public <T> void onChange(ObservableValue<T> value, ChangeListener<? super T> listener) {
        value.addListener(listener);
        removals.add(() -> value.removeListener(listener));
    }

    public <T> void onChange(ObservableSet<T> set, SetChangeListener<? super T> listener) {
        set.addListener(listener);
        removals.add(() -> set.removeListener(listener));
    }

    public <T> void onChange(ObservableList<T> list, ListChangeListener<? super T> listener) {
        list.addListener(listener);
        removals.add(() -> list.removeListener(listener));
    }

    public void dispose() {
        removals.forEach(Runnable::run);
        removals.clear();
    }
}
