package org.perceptrix.ui;

import java.util.function.Consumer;

import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Window;

import org.perceptrix.graph.Edge;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.i18n.Messages;
import org.perceptrix.project.Template;
import org.perceptrix.project.Templates;

/** The template gallery: each starter project with a small picture of its network and a description. */
final class TemplateGallery {
    private static final double THUMB_W = 220;
    private static final double THUMB_H = 90;

    private TemplateGallery() {
    }

    /** Shows the gallery (not blocking); {@code chosen} gets the template clicked. */
    static Dialog<Void> show(Window owner, Consumer<Template> chosen) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(Messages.get("gallery.title"));
        dialog.setHeaderText(Messages.get("gallery.header"));
        TilePane tiles = new TilePane(12, 12);
        tiles.setPrefColumns(2);
        tiles.setPadding(new Insets(8));
        tiles.setId("template-gallery");
        for (Template t : Templates.all()) {
            NetworkGraph graph = StarterProjects.load(t.id()).graph();
            Label name = new Label(t.name());
            name.getStyleClass().add("inspector-title");
            Label description = new Label(t.description());
            description.setWrapText(true);
            description.setPrefWidth(THUMB_W + 40);
            VBox card = new VBox(6, thumbnail(graph), name, description);
            card.setId("template-" + t.id());
            card.getStyleClass().addAll("help-card", "template-card");
            card.setFocusTraversable(true);
            card.setPrefWidth(THUMB_W + 60);
            Runnable pick = () -> {
                dialog.close();
                chosen.accept(t);
            };
            card.setOnMouseClicked(e -> pick.run());
            card.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) pick.run();
            });
            tiles.getChildren().add(card);
        }
        dialog.getDialogPane().setContent(tiles);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CANCEL);
        dialog.show();
        return dialog;
    }

    /** The network drawn small: a box per layer, coloured by category, and its connections. */
    private static Canvas thumbnail(NetworkGraph g) {
        Canvas c = new Canvas(THUMB_W, THUMB_H);
        GraphicsContext gc = c.getGraphicsContext2D();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (LayerNode n : g.nodes()) {
            minX = Math.min(minX, n.x());
            minY = Math.min(minY, n.y());
            maxX = Math.max(maxX, n.x() + CanvasView.CARD_W);
            maxY = Math.max(maxY, n.y() + CanvasView.CARD_H);
        }
        double s = Math.min((THUMB_W - 10) / (maxX - minX), (THUMB_H - 10) / (maxY - minY));
        double ox = (THUMB_W - (maxX - minX) * s) / 2 - minX * s;
        double oy = (THUMB_H - (maxY - minY) * s) / 2 - minY * s;
        gc.setStroke(Color.GRAY);
        gc.setLineWidth(1.5);
        for (Edge e : g.edges()) {
            LayerNode a = g.require(e.from());
            LayerNode b = g.require(e.to());
            gc.strokeLine(ox + (a.x() + CanvasView.CARD_W) * s, oy + (a.y() + CanvasView.CARD_H / 2) * s,
                    ox + b.x() * s, oy + (b.y() + CanvasView.CARD_H / 2) * s);
        }
        for (LayerNode n : g.nodes()) {
            gc.setFill(colour(n));
            gc.fillRoundRect(ox + n.x() * s, oy + n.y() * s, CanvasView.CARD_W * s, CanvasView.CARD_H * s, 6, 6);
        }
        return c;
    }

    private static Color colour(LayerNode n) {
        return switch (n.type().category()) {
            case INPUT -> Color.web("#2da44e");
            case CORE -> Color.web("#0969da");
            case CONVOLUTION -> Color.web("#bf8700");
            case RECURRENT -> Color.web("#8250df");
            case MERGE -> Color.web("#1b7c83");
            case OUTPUT -> Color.web("#cf222e");
        };
    }
}
