package org.perceptrix.ui.training;

import javafx.beans.property.IntegerProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.perceptrix.i18n.Messages;

/**
 * The "only the first N training examples" field of the training panel and the grid search: empty or 0 means all;
 * a value is taken on Enter or when the field loses the focus, and a bad one is reported in {@code error}.
 */
public final class LimitField {
    private LimitField() {
    }

    public static TextField create(String id, IntegerProperty limit, Label error) {
        TextField field = new TextField(limit.get() > 0 ? Integer.toString(limit.get()) : "");
        field.setId(id);
        field.setPromptText(Messages.get("training.limit.prompt"));
        Runnable commit = () -> {
            String t = field.getText().strip();
            try {
                int n = t.isEmpty() ? 0 : Integer.parseInt(t);
                if (n < 0) throw new NumberFormatException();
                limit.set(n);
                error.setText("");
            } catch (NumberFormatException e) {
                error.setText(Messages.get("training.limit.invalid", t));
            }
        };
        field.setOnAction(e -> commit.run());
        field.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) commit.run();
        });
        return field;
    }
}
