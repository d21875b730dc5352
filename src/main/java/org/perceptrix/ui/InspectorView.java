package org.perceptrix.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.perceptrix.graph.GraphAnalysis;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.PropertySpec;
import org.perceptrix.i18n.Messages;

/**
 * The property inspector: the selected layer's name and typed properties (a bad value gives a message, never an
 * exception) and its help card; with nothing selected, a summary of the whole network.
 */
public final class InspectorView {
    private final DesignerViewModel vm;
    private final VBox content = new VBox();
    private final ScrollPane root = new ScrollPane(content);
    private final Label error = new Label();
    private final Map<String, Control> fields = new LinkedHashMap<>();
    private String shownNode;
    private TextField nameField;
    private VBox helpBox;

    public InspectorView(DesignerViewModel vm, Subscriptions subscriptions) {
        this.vm = vm;
        content.setId("inspector");
        content.getStyleClass().add("inspector");
        root.setFitToWidth(true);
        root.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        root.setPrefWidth(300);
        root.setMinWidth(220);
        error.setId("inspector-error");
        error.getStyleClass().add("inspector-error");
        error.setWrapText(true);
        subscriptions.onChange(vm.selection(), (javafx.collections.SetChangeListener<String>) c -> refresh());
        subscriptions.onChange(vm.analysisProperty(), (o, a, b) -> refresh());
        refresh();
    }

    public Node root() { return root; }

    private void refresh() {
        Optional<LayerNode> node = vm.singleSelection();
        if (node.isEmpty()) {
            shownNode = null;
            showNetwork();
            return;
        }
        LayerNode n = node.get();
        if (n.id().equals(shownNode)) {
            update(n);
        } else {
            shownNode = n.id();
            build(n);
        }
    }

    private void showNetwork() {
        fields.clear();
        error.setText("");
        GraphAnalysis a = vm.analysis();
        Label title = new Label(Messages.get("inspector.network"));
        title.getStyleClass().add("inspector-title");
        TextField name = new TextField(vm.projectNameProperty().get());
        name.setId("inspector-project");
        name.setOnAction(e -> vm.renameProject(name.getText()));
        name.focusedProperty().addListener((o, was, now) -> {
            if (!now) vm.renameProject(name.getText());
        });
        Label layers = new Label(Messages.get("inspector.layers", vm.graph().size(), vm.graph().edges().size()));
        Label params = new Label(vm.parametersText());
        Label macs = new Label(vm.multiplyAddsText());
        Label memory = new Label(vm.memoryText());
        Label hint = new Label(vm.selection().isEmpty() ? Messages.get("inspector.hint")
                : Messages.get("inspector.many", vm.selection().size()));
        hint.setWrapText(true);
        hint.getStyleClass().add("help-heading");
        content.getChildren().setAll(title, name, layers, new Separator(), params, macs, memory, new Separator(), hint);
    }

    private void build(LayerNode n) {
        fields.clear();
        error.setText("");
        Label title = new Label(n.type().id(), Icons.icon(Icons.of(n.type())));
        title.getStyleClass().add("inspector-title");
        title.setId("inspector-title");
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        nameField = new TextField(n.name());
        nameField.setId("inspector-name");
        nameField.setOnAction(e -> commitName());
        nameField.focusedProperty().addListener((o, was, now) -> {
            if (!now) commitName();
        });
        form.addRow(0, new Label(Messages.get("inspector.name")), nameField);
        GridPane.setHgrow(nameField, Priority.ALWAYS);
        int row = 1;
        for (PropertySpec p : n.type().properties()) {
            Control field = field(n, p);
            field.setId("prop-" + p.key());
            fields.put(p.key(), field);
            field.setMaxWidth(Double.MAX_VALUE);
            GridPane.setHgrow(field, Priority.ALWAYS);
            Label label = new Label(Messages.get("property." + p.key()));
            label.setMinWidth(Region.USE_PREF_SIZE);
            form.addRow(row++, label, field);
        }
        helpBox = new VBox();
        helpBox.getStyleClass().add("help-card");
        helpBox.setId("help-card");
        Label shape = new Label();
        shape.setId("inspector-shape");
        content.getChildren().setAll(title, form, error, shape, new Separator(), helpBox);
        update(n);
    }

    private Control field(LayerNode n, PropertySpec p) {
        switch (p.kind()) {
            case BOOLEAN -> {
                CheckBox box = new CheckBox();
                box.setOnAction(e -> commit(n.id(), p.key(), box.isSelected()));
                return box;
            }
            case CHOICE -> {
                ComboBox<String> combo = new ComboBox<>();
                combo.getItems().setAll(p.choices());
                combo.setOnAction(e -> {
                    if (combo.getValue() != null) commit(n.id(), p.key(), combo.getValue());
                });
                return combo;
            }
            default -> {
                TextField text = new TextField();
                text.setOnAction(e -> commit(n.id(), p.key(), text.getText()));
                text.focusedProperty().addListener((o, was, now) -> {
                    if (!now && vm.graph().node(n.id()).isPresent()) commit(n.id(), p.key(), text.getText());
                });
                return text;
            }
        }
    }

    private void commit(String id, String key, Object raw) {
        if (vm.graph().node(id).isEmpty()) return;
        Object current = vm.graph().require(id).property(key);
        if (String.valueOf(current).equals(String.valueOf(raw))) {
            error.setText("");
            return;
        }
        Optional<String> refusal = vm.setProperty(id, key, raw);
        error.setText(refusal.orElse(""));
    }

    private void commitName() {
        if (shownNode == null || vm.graph().node(shownNode).isEmpty()) return;
        Optional<String> refusal = vm.rename(shownNode, nameField.getText());
        error.setText(refusal.orElse(""));
        if (refusal.isPresent()) nameField.setText(vm.graph().require(shownNode).name());
    }

    /** Puts the model's values into the fields the student is not typing in, and refreshes the help card. */
    @SuppressWarnings("unchecked")
    private void update(LayerNode n) {
        if (!nameField.isFocused()) nameField.setText(n.name());
        fields.forEach((key, field) -> {
            Object v = n.property(key);
            if (field instanceof TextField t && !t.isFocused()) {
                t.setText(String.valueOf(v));
            } else if (field instanceof CheckBox c) {
                c.setSelected((Boolean) v);
            } else if (field instanceof ComboBox<?> box) {
                ((ComboBox<String>) box).setValue(String.valueOf(v));
            }
        });
        content.lookupAll("#inspector-shape").forEach(l -> ((Label) l).setText(
                Messages.get("inspector.output", vm.shapeText(n.id()), vm.parametersOf(n.id()))));
        HelpCard card = HelpCard.of(vm.graph(), vm.analysis(), n);
        helpBox.getChildren().setAll(heading(Messages.get("help.what")), wrap(card.summary(), null),
                heading(Messages.get("help.formula")), wrap(card.formula(), "help-formula"));
        if (!card.worked().isEmpty()) {
            helpBox.getChildren().add(heading(Messages.get("help.yourNumbers")));
            for (String w : card.worked()) helpBox.getChildren().add(wrap(w, "help-formula"));
        }
        helpBox.getChildren().addAll(heading(Messages.get("help.when")), wrap(card.use(), null));
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("help-heading");
        return l;
    }

    private static Label wrap(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        if (style != null) l.getStyleClass().add(style);
        return l;
    }
}
