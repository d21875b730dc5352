package org.perceptrix.ui;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.perceptrix.graph.LayerType;
import org.perceptrix.i18n.Messages;

/**
 * The layer palette: types grouped by category, each with an icon and a one-line description, filtered by a search
 * box. Press and drag an item onto the canvas to add it (plain mouse events with a ghost, so it also works headless),
 * or focus it and press Enter.
 */
public final class PaletteView {
    private final VBox root = new VBox();
    private final CanvasView canvas;
    private final Pane ghostLayer;
    private final Map<LayerType.Category, Label> headers = new EnumMap<>(LayerType.Category.class);
    private final List<Item> items = new ArrayList<>();
    private Label ghost;

    private record Item(LayerType type, HBox view, String searchText) {
    }

    public PaletteView(CanvasView canvas, Pane ghostLayer) {
        this.canvas = canvas;
        this.ghostLayer = ghostLayer;
        root.setId("palette");
        root.getStyleClass().add("palette");
        TextField search = new TextField();
        search.setId("palette-search");
        search.setPromptText(Messages.get("palette.search"));
        search.textProperty().addListener((o, a, b) -> filter(b));
        VBox list = new VBox(2);
        for (LayerType.Category c : LayerType.Category.values()) {
            Label header = new Label(Messages.get("category." + c.name()));
            header.getStyleClass().add("palette-category");
            headers.put(c, header);
            list.getChildren().add(header);
            for (LayerType t : LayerType.values()) {
                if (t.category() == c) list.getChildren().add(item(t));
            }
        }
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().addAll(search, scroll);
        root.setPrefWidth(220);
        root.setMinWidth(180);
    }

    public Node root() { return root; }

    private HBox item(LayerType t) {
        Label name = new Label(t.id());
        name.getStyleClass().add("item-name");
        String summary = Messages.get("layer." + t.id() + ".summary");
        Label desc = new Label(summary);
        desc.getStyleClass().add("item-summary");
        desc.setWrapText(false);
        desc.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        VBox text = new VBox(1, name, desc);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);
        HBox box = new HBox(Icons.icon(Icons.of(t)), text);
        box.setId("palette-" + t.id());
        box.getStyleClass().add("palette-item");
        box.setFocusTraversable(true);
        box.setMinWidth(0);
        Tooltip.install(box, new Tooltip(Messages.get("palette.hint", summary)));
        box.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                var p = canvas.visibleCentre();
                canvasAdd(t, p.getX(), p.getY());
                e.consume();
            }
        });
        box.setOnMousePressed(e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;
            box.requestFocus();
            ghost = new Label(t.id(), Icons.icon(Icons.of(t)));
            ghost.getStyleClass().add("palette-ghost");
            ghost.setVisible(false);
            ghost.setMouseTransparent(true);
            ghostLayer.getChildren().add(ghost);
            e.consume();
        });
        box.setOnMouseDragged(e -> {
            if (ghost == null) return;
            var p = ghostLayer.sceneToLocal(e.getSceneX(), e.getSceneY());
            ghost.setVisible(true);
            ghost.relocate(p.getX() + 6, p.getY() + 6);
            e.consume();
        });
        box.setOnMouseReleased(e -> {
            if (ghost == null) return;
            ghostLayer.getChildren().remove(ghost);
            ghost = null;
            if (canvas.containsScenePoint(e.getSceneX(), e.getSceneY())) canvas.dropNew(t, e.getSceneX(), e.getSceneY());
            e.consume();
        });
        items.add(new Item(t, box, (t.id() + " " + summary + " " + Messages.get("category." + t.category().name()))
                .toLowerCase(Locale.ROOT)));
        return box;
    }

    private void canvasAdd(LayerType t, double x, double y) { canvas.addAt(t, x, y); }

    private void filter(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        Map<LayerType.Category, Boolean> any = new EnumMap<>(LayerType.Category.class);
        for (Item i : items) {
            boolean show = q.isEmpty() || i.searchText().contains(q);
            i.view().setVisible(show);
            i.view().setManaged(show);
            if (show) any.put(i.type().category(), true);
        }
        headers.forEach((c, h) -> {
            boolean show = any.getOrDefault(c, false);
            h.setVisible(show);
            h.setManaged(show);
        });
    }
}
