package org.perceptrix.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The status bar: total parameters, multiply-adds, estimated memory, valid or not, and the latest message. */
public final class StatusBarView {
    private final HBox root = new HBox();

    public StatusBarView(DesignerViewModel vm, Subscriptions subscriptions) {
        root.setId("status-bar");
        root.getStyleClass().add("status-bar");
        Label valid = new Label();
        valid.setId("status-valid");
        Label params = new Label();
        params.setId("status-params");
        Label macs = new Label();
        macs.setId("status-macs");
        Label memory = new Label();
        memory.setId("status-memory");
        Label message = new Label();
        message.setId("status-message");
        message.getStyleClass().add("status-message");
        message.textProperty().bind(vm.messageProperty());
        message.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Runnable update = () -> {
            boolean ok = vm.analysis().isValid() && !vm.graph().isEmpty();
            valid.setText(vm.validityText());
            valid.setGraphic(Icons.icon(ok ? Icons.VALID : Icons.ERROR));
            valid.getStyleClass().removeAll("status-valid", "status-invalid");
            valid.getStyleClass().add(ok ? "status-valid" : "status-invalid");
            params.setText(vm.parametersText());
            macs.setText(vm.multiplyAddsText());
            memory.setText(vm.memoryText());
        };
        subscriptions.onChange(vm.analysisProperty(), (o, a, b) -> update.run());
        subscriptions.onChange(vm.trainingProperty(), (o, a, b) -> update.run());
        update.run();
        for (Label l : new Label[] {valid, params, macs, memory}) l.setMinWidth(Region.USE_PREF_SIZE);
        root.getChildren().addAll(valid, params, macs, memory, spacer, message);
    }

    public Node root() { return root; }
}
