package org.perceptrix.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.scene.layout.Priority;

import org.perceptrix.graph.Problem;
import org.perceptrix.i18n.Messages;

/** The list of what is wrong with the network; clicking a problem selects and centres its layer. */
public final class ProblemsView {
    private final VBox root = new VBox();

    public ProblemsView(DesignerViewModel vm, Subscriptions subscriptions) {
        Label title = new Label();
        title.getStyleClass().add("problems-title");
        title.setId("problems-title");
        ListView<Problem> list = new ListView<>(vm.problems());
        list.setId("problems");
        list.setPlaceholder(new Label(Messages.get("problems.none")));
        list.setCellFactory(v -> new ListCell<>() {
            {
                // Wrap long messages instead of scrolling sideways.
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().removeAll("problem-error", "problem-warning");
                if (empty || p == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(p.message()); // messages name their layer themselves
                setGraphic(Icons.icon(p.isError() ? Icons.ERROR : Icons.WARNING));
                getStyleClass().add(p.isError() ? "problem-error" : "problem-warning");
            }
        });
        list.setOnMouseClicked(e -> {
            Problem p = list.getSelectionModel().getSelectedItem();
            if (p != null) p.node().ifPresent(vm::reveal);
        });
        list.setOnKeyPressed(e -> {
            Problem p = list.getSelectionModel().getSelectedItem();
            if (p != null && e.getCode() == javafx.scene.input.KeyCode.ENTER) p.node().ifPresent(vm::reveal);
        });
        Runnable count = () -> title.setText(Messages.get("problems.title", vm.problems().size()));
        subscriptions.onChange(vm.problems(), (javafx.collections.ListChangeListener<Problem>) c -> count.run());
        count.run();
        VBox.setVgrow(list, Priority.ALWAYS);
        root.getChildren().addAll(title, list);
        root.setPrefHeight(150);
        root.setMinHeight(60);
    }

    public Node root() { return root; }
}
