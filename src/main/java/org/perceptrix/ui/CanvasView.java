package org.perceptrix.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

import org.perceptrix.graph.Edge;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.LayerType;

/**
 * The drawing surface: layer cards and the curves between them, built in code. It shows the view model's graph and
 * turns gestures into view-model calls; a drag moves only the cards and writes the model once on release.
 */
public final class CanvasView {
    static final double CARD_W = 160;
    static final double CARD_H = 86;
    private static final double MIN_ZOOM = 0.2;
    private static final double MAX_ZOOM = 3;

    private final DesignerViewModel vm;
    private final Pane root = new Pane();
    private final Group world = new Group();
    private final Pane gridLayer = new Pane();
    private final Group edgeLayer = new Group();
    private final Group cardLayer = new Group();
    private final Group overlayLayer = new Group();
    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final Map<String, Region> cards = new LinkedHashMap<>();
    private final Rectangle marquee = new Rectangle();
    private final CubicCurve connectLine = new CubicCurve();
    private final Label connectHint = new Label();

    // Gesture state.
    private Point2D pressScene;
    private Point2D panStart;
    private final Map<String, Point2D> dragOrigins = new HashMap<>();
    private boolean dragged;
    private String connectFrom;
    /** Until the student zooms or pans, the view keeps the whole network fitted when the window is resized. */
    private boolean autoFit = true;
    private final Map<String, String> cardSignatures = new HashMap<>();
    private List<Edge> drawnEdges = List.of();

    public CanvasView(DesignerViewModel vm, Subscriptions subscriptions) {
        this.vm = vm;
        root.setId("canvas");
        root.getStyleClass().add("designer-canvas");
        root.setFocusTraversable(true);
        root.setMinSize(200, 200);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(root.widthProperty());
        clip.heightProperty().bind(root.heightProperty());
        root.setClip(clip);
        gridLayer.setMouseTransparent(true);
        root.getChildren().addAll(gridLayer, world);
        world.getTransforms().addAll(pan, zoom);
        world.getChildren().addAll(edgeLayer, cardLayer, overlayLayer);

        marquee.getStyleClass().add("marquee");
        marquee.setVisible(false);
        marquee.setMouseTransparent(true);
        connectLine.getStyleClass().add("connect-line");
        connectLine.setVisible(false);
        connectLine.setMouseTransparent(true);
        connectHint.getStyleClass().add("connect-hint");
        connectHint.setId("connect-hint");
        connectHint.setVisible(false);
        connectHint.setMouseTransparent(true);
        overlayLayer.getChildren().addAll(connectLine, connectHint);
        root.getChildren().add(marquee);

        root.widthProperty().addListener(o -> resized());
        root.heightProperty().addListener(o -> resized());
        pan.xProperty().addListener(o -> drawGrid());
        pan.yProperty().addListener(o -> drawGrid());
        zoom.xProperty().addListener(o -> drawGrid());

        root.addEventHandler(MouseEvent.MOUSE_PRESSED, this::backgroundPressed);
        root.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::backgroundDragged);
        root.addEventHandler(MouseEvent.MOUSE_RELEASED, this::backgroundReleased);
        root.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        root.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);

        subscriptions.onChange(vm.analysisProperty(), (o, a, b) -> rebuild());
        subscriptions.onChange(vm.selection(), (javafx.collections.SetChangeListener<String>) c -> updateSelection());
        subscriptions.onChange(vm.selectedEdgeProperty(), (o, a, b) -> rebuildEdges());
        subscriptions.onChange(vm.revealRequestProperty(), (o, a, id) -> {
            if (id != null) centreOn(id);
        });
        rebuild();
    }

    public Region root() { return root; }

    public double zoomFactor() { return zoom.getX(); }

    /** Gives the canvas the keyboard focus (arrow keys, Delete). */
    public void focus() { root.requestFocus(); }

    // --- drawing -----------------------------------------------------------------------------------------------

    /**
     * Brings the drawing up to date after an edit. Cards whose text did not change are only moved, and edges are
     * re-routed rather than rebuilt when no card or connection changed: a drag in a large graph stays cheap.
     */
    private void rebuild() {
        Map<String, Region> old = new HashMap<>(cards);
        cards.clear();
        List<javafx.scene.Node> views = new ArrayList<>();
        boolean changed = false;
        for (LayerNode n : vm.graph().nodes()) {
            String signature = signature(n);
            Region card = old.get(n.id());
            if (card != null && signature.equals(cardSignatures.get(n.id()))) {
                card.relocate(n.x(), n.y());
            } else {
                card = card(n);
                cardSignatures.put(n.id(), signature);
                changed = true;
            }
            cards.put(n.id(), card);
            views.add(card);
        }
        cardSignatures.keySet().retainAll(cards.keySet());
        if (!cardLayer.getChildren().equals(views)) cardLayer.getChildren().setAll(views);
        updateSelection();
        if (changed || !vm.graph().edges().equals(drawnEdges)) {
            rebuildEdges();
        } else {
            relayoutEdges();
        }
    }

    /** Everything a card shows apart from its position. */
    private String signature(LayerNode n) {
        return n.name() + '\n' + n.type().id() + '\n' + vm.shapeText(n.id()) + '\n' + vm.parametersOf(n.id()) + '\n'
                + vm.hasError(n.id()) + '\n' + vm.nodeTrouble(n.id()).orElse("");
    }

    private Region card(LayerNode n) {
        Pane card = new Pane();
        card.setId("node-" + n.name());
        card.setUserData(n.id());
        card.getStyleClass().add("layer-card");
        card.setPrefSize(CARD_W, CARD_H);
        card.setMinSize(CARD_W, CARD_H);
        card.setMaxSize(CARD_W, CARD_H);
        card.resize(CARD_W, CARD_H);
        card.relocate(n.x(), n.y());

        Region stripe = new Region();
        stripe.getStyleClass().addAll("card-stripe", "category-" + n.type().category().name());
        stripe.setPrefSize(6, CARD_H);
        stripe.setMouseTransparent(true);

        Label name = new Label(n.name());
        name.getStyleClass().add("card-name");
        name.setGraphic(Icons.icon(Icons.of(n.type())));
        Label type = new Label(n.type().id());
        type.getStyleClass().add("card-type");
        Label shape = new Label(vm.shapeText(n.id()));
        shape.getStyleClass().add("card-shape");
        shape.setId("shape-" + n.name());
        Label params = new Label(vm.parametersOf(n.id()));
        params.getStyleClass().add("card-params");
        params.setId("params-" + n.name());
        VBox text = new VBox(1, name, type, shape, params);
        text.setMouseTransparent(true);
        text.setPrefSize(CARD_W - 22, CARD_H - 10);
        text.relocate(14, 6);

        card.getChildren().addAll(stripe, text);
        if (!n.type().isInput()) card.getChildren().add(port(n, false));
        if (!n.type().isOutput()) card.getChildren().add(port(n, true));

        Optional<String> trouble = vm.nodeTrouble(n.id());
        if (vm.hasError(n.id())) card.getStyleClass().add("error");
        trouble.ifPresent(t -> Tooltip.install(card, new Tooltip(t)));

        card.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> cardPressed(e, n.id()));
        card.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::cardDragged);
        card.addEventHandler(MouseEvent.MOUSE_RELEASED, this::cardReleased);
        return card;
    }

    private Circle port(LayerNode n, boolean output) {
        Circle c = new Circle(output ? CARD_W : 0, CARD_H / 2, 7);
        c.getStyleClass().add("port");
        c.setId((output ? "out-" : "in-") + n.name());
        if (output) {
            c.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> connectPressed(e, n.id()));
            c.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::connectDragged);
            c.addEventHandler(MouseEvent.MOUSE_RELEASED, this::connectReleased);
        }
        return c;
    }

    private void rebuildEdges() {
        drawnEdges = List.copyOf(vm.graph().edges());
        List<javafx.scene.Node> views = new ArrayList<>();
        for (Edge e : vm.graph().edges()) {
            Region from = cards.get(e.from());
            Region to = cards.get(e.to());
            if (from == null || to == null) continue;
            CubicCurve curve = new CubicCurve();
            curve.getStyleClass().add("edge");
            CubicCurve hit = new CubicCurve();
            hit.getStyleClass().add("edge-hit");
            String name = vm.graph().require(e.from()).name() + "-" + vm.graph().require(e.to()).name();
            hit.setId("edge-" + name);
            Label label = new Label(vm.shapeText(e.from()));
            label.getStyleClass().add("edge-label");
            label.setId("edge-label-" + name);
            label.setMouseTransparent(true);
            Optional<String> trouble = vm.edgeTrouble(e);
            if (trouble.isPresent()) {
                curve.getStyleClass().add("error");
                label.getStyleClass().add("error");
                Tooltip.install(hit, new Tooltip(trouble.get()));
            }
            if (e.equals(vm.selectedEdgeProperty().get())) curve.getStyleClass().add("selected");
            hit.setOnMousePressed(ev -> {
                root.requestFocus();
                vm.clearSelection();
                vm.selectedEdgeProperty().set(e);
                ev.consume();
            });
            EdgeView view = new EdgeView(from, to, curve, hit, label);
            view.layout();
            label.setUserData(view);
            views.add(curve);
            views.add(hit);
            views.add(label);
        }
        edgeLayer.getChildren().setAll(views);
    }

    /** Re-routes every edge after cards moved during a drag (the model is untouched until release). */
    private void relayoutEdges() {
        for (javafx.scene.Node n : edgeLayer.getChildren()) {
            if (n.getUserData() instanceof EdgeView v) v.layout();
        }
    }

    private record EdgeView(Region from, Region to, CubicCurve curve, CubicCurve hit, Label label) {
        void layout() {
            double x1 = from.getLayoutX() + CARD_W;
            double y1 = from.getLayoutY() + CARD_H / 2;
            double x2 = to.getLayoutX();
            double y2 = to.getLayoutY() + CARD_H / 2;
            route(curve, x1, y1, x2, y2);
            route(hit, x1, y1, x2, y2);
            // Centred by its own size once CSS has given it one (the Group sizes it to its preferred size).
            label.translateXProperty().bind(label.widthProperty().divide(-2));
            label.translateYProperty().bind(label.heightProperty().negate().subtract(3));
            label.relocate((x1 + x2) / 2, (y1 + y2) / 2);
        }
    }

    private static void route(CubicCurve c, double x1, double y1, double x2, double y2) {
        // Forward edges curve gently; an edge wrapping back to the next band makes a small S instead of a wide loop.
        double bend = x2 >= x1 ? Math.max(40, (x2 - x1) / 2) : 70;
        c.setStartX(x1);
        c.setStartY(y1);
        c.setControlX1(x1 + bend);
        c.setControlY1(y1);
        c.setControlX2(x2 - bend);
        c.setControlY2(y2);
        c.setEndX(x2);
        c.setEndY(y2);
    }

    private void updateSelection() {
        cards.forEach((id, card) -> {
            boolean sel = vm.selection().contains(id);
            if (sel && !card.getStyleClass().contains("selected")) card.getStyleClass().add("selected");
            if (!sel) card.getStyleClass().remove("selected");
        });
    }

    private void resized() {
        if (autoFit) fitToWindow();
        drawGrid();
    }

    private void drawGrid() {
        double step = DesignerViewModel.GRID * 4 * zoom.getX();
        List<javafx.scene.Node> lines = new ArrayList<>();
        double w = root.getWidth();
        double h = root.getHeight();
        if (step >= 8) {
            for (double x = pan.getX() % step; x < w; x += step) lines.add(gridLine(x, 0, x, h));
            for (double y = pan.getY() % step; y < h; y += step) lines.add(gridLine(0, y, w, y));
        }
        gridLayer.getChildren().setAll(lines);
    }

    private static Line gridLine(double x1, double y1, double x2, double y2) {
        Line l = new Line(x1, y1, x2, y2);
        l.getStyleClass().add("grid-line");
        return l;
    }

    // --- coordinates, zoom, fit --------------------------------------------------------------------------------

    /** A scene point in canvas (model) coordinates. */
    Point2D toModel(double sceneX, double sceneY) { return world.sceneToLocal(sceneX, sceneY); }

    boolean containsScenePoint(double sceneX, double sceneY) {
        Bounds b = root.localToScene(root.getLayoutBounds());
        return b.contains(sceneX, sceneY);
    }

    /** The model point at the middle of what is visible, where keyboard-added layers go. */
    Point2D visibleCentre() {
        Point2D p = world.parentToLocal(root.getWidth() / 2, root.getHeight() / 2);
        int n = vm.graph().size();
        return new Point2D(p.getX() - CARD_W / 2 + (n % 5) * 20, p.getY() - CARD_H / 2 + (n % 5) * 20);
    }

    /** Adds a layer dropped from the palette at a scene point. */
    void dropNew(LayerType type, double sceneX, double sceneY) {
        Point2D p = toModel(sceneX, sceneY);
        vm.addNode(type, p.getX() - CARD_W / 2, p.getY() - CARD_H / 2);
        root.requestFocus();
    }

    /** Adds a layer at a model point (the keyboard way) and gives the canvas the focus. */
    void addAt(LayerType type, double x, double y) {
        vm.addNode(type, x, y);
        root.requestFocus();
    }

    public void zoomBy(double factor) {
        autoFit = false;
        zoomAround(factor, root.getWidth() / 2, root.getHeight() / 2);
    }

    private void zoomAround(double factor, double px, double py) {
        double old = zoom.getX();
        double z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, old * factor));
        // Keep the point under (px, py) in place.
        double mx = (px - pan.getX()) / old;
        double my = (py - pan.getY()) / old;
        zoom.setX(z);
        zoom.setY(z);
        pan.setX(px - mx * z);
        pan.setY(py - my * z);
    }

    /** Zooms and pans so the whole network fits the visible area. */
    public void fitToWindow() {
        autoFit = true;
        if (cards.isEmpty() || root.getWidth() <= 0) {
            pan.setX(0);
            pan.setY(0);
            zoom.setX(1);
            zoom.setY(1);
            return;
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (LayerNode n : vm.graph().nodes()) {
            minX = Math.min(minX, n.x());
            minY = Math.min(minY, n.y());
            maxX = Math.max(maxX, n.x() + CARD_W);
            maxY = Math.max(maxY, n.y() + CARD_H);
        }
        double margin = 40;
        double z = Math.min((root.getWidth() - 2 * margin) / (maxX - minX), (root.getHeight() - 2 * margin) / (maxY - minY));
        z = Math.max(MIN_ZOOM, Math.min(1.0, z));
        zoom.setX(z);
        zoom.setY(z);
        pan.setX((root.getWidth() - (maxX - minX) * z) / 2 - minX * z);
        pan.setY((root.getHeight() - (maxY - minY) * z) / 2 - minY * z);
    }

    private void centreOn(String id) {
        vm.graph().node(id).ifPresent(n -> {
            autoFit = false;
            double z = zoom.getX();
            pan.setX(root.getWidth() / 2 - (n.x() + CARD_W / 2) * z);
            pan.setY(root.getHeight() / 2 - (n.y() + CARD_H / 2) * z);
        });
    }

    // --- gestures ----------------------------------------------------------------------------------------------

    private void cardPressed(MouseEvent e, String id) {
        if (e.getButton() != MouseButton.PRIMARY) return;
        root.requestFocus();
        if (e.isShiftDown() || e.isShortcutDown()) {
            vm.toggleSelected(id);
        } else if (!vm.selection().contains(id)) {
            vm.select(id);
        }
        vm.selectedEdgeProperty().set(null);
        pressScene = new Point2D(e.getSceneX(), e.getSceneY());
        dragOrigins.clear();
        for (String sel : vm.selection()) {
            Region c = cards.get(sel);
            if (c != null) dragOrigins.put(sel, new Point2D(c.getLayoutX(), c.getLayoutY()));
        }
        dragged = false;
        e.consume();
    }

    private void cardDragged(MouseEvent e) {
        if (pressScene == null || dragOrigins.isEmpty()) return;
        double z = zoom.getX();
        double dx = (e.getSceneX() - pressScene.getX()) / z;
        double dy = (e.getSceneY() - pressScene.getY()) / z;
        if (Math.abs(dx) + Math.abs(dy) > 2) dragged = true;
        dragOrigins.forEach((id, p) -> cards.get(id).relocate(p.getX() + dx, p.getY() + dy));
        relayoutEdges();
        e.consume();
    }

    private void cardReleased(MouseEvent e) {
        if (pressScene != null && dragged) {
            Map<String, double[]> targets = new LinkedHashMap<>();
            dragOrigins.forEach((id, p) -> {
                Region c = cards.get(id);
                targets.put(id, new double[] {c.getLayoutX(), c.getLayoutY()});
            });
            vm.moveNodes(targets);
        }
        pressScene = null;
        dragOrigins.clear();
        dragged = false;
        e.consume();
    }

    private void connectPressed(MouseEvent e, String from) {
        if (e.getButton() != MouseButton.PRIMARY) return;
        root.requestFocus();
        connectFrom = from;
        LayerNode n = vm.graph().require(from);
        route(connectLine, n.x() + CARD_W, n.y() + CARD_H / 2, n.x() + CARD_W, n.y() + CARD_H / 2);
        connectLine.setVisible(true);
        e.consume();
    }

    private void connectDragged(MouseEvent e) {
        if (connectFrom == null) return;
        LayerNode n = vm.graph().require(connectFrom);
        Point2D p = toModel(e.getSceneX(), e.getSceneY());
        route(connectLine, n.x() + CARD_W, n.y() + CARD_H / 2, p.getX(), p.getY());
        Optional<String> target = nodeAt(e.getSceneX(), e.getSceneY());
        connectLine.getStyleClass().remove("refused");
        connectHint.getStyleClass().remove("refused");
        if (target.isPresent() && !target.get().equals(connectFrom)) {
            Optional<String> refusal = vm.connectionRefusal(connectFrom, target.get());
            if (refusal.isPresent()) {
                connectLine.getStyleClass().add("refused");
                connectHint.getStyleClass().add("refused");
                connectHint.setText(refusal.get());
            } else {
                connectHint.setText(org.perceptrix.i18n.Messages.get("connect.release",
                        vm.graph().require(target.get()).name()));
            }
            connectHint.relocate(p.getX() + 14, p.getY() + 14);
            connectHint.setVisible(true);
        } else {
            connectHint.setVisible(false);
        }
        e.consume();
    }

    private void connectReleased(MouseEvent e) {
        if (connectFrom == null) return;
        String from = connectFrom;
        connectFrom = null;
        connectLine.setVisible(false);
        connectHint.setVisible(false);
        nodeAt(e.getSceneX(), e.getSceneY()).ifPresent(to -> vm.connect(from, to));
        e.consume();
    }

    /** The node whose card (with a little margin for its ports) lies under a scene point. */
    private Optional<String> nodeAt(double sceneX, double sceneY) {
        Point2D p = toModel(sceneX, sceneY);
        List<LayerNode> nodes = new ArrayList<>(vm.graph().nodes());
        for (int i = nodes.size() - 1; i >= 0; i--) {
            LayerNode n = nodes.get(i);
            if (p.getX() >= n.x() - 10 && p.getX() <= n.x() + CARD_W + 10 && p.getY() >= n.y() && p.getY() <= n.y() + CARD_H) {
                return Optional.of(n.id());
            }
        }
        return Optional.empty();
    }

    private void backgroundPressed(MouseEvent e) {
        root.requestFocus();
        pressScene = new Point2D(e.getSceneX(), e.getSceneY());
        panStart = new Point2D(pan.getX(), pan.getY());
        dragged = false;
        if (e.isShiftDown() && e.getButton() == MouseButton.PRIMARY) {
            Point2D local = root.sceneToLocal(pressScene);
            marquee.setX(local.getX());
            marquee.setY(local.getY());
            marquee.setWidth(0);
            marquee.setHeight(0);
            marquee.setVisible(true);
        }
    }

    private void backgroundDragged(MouseEvent e) {
        if (pressScene == null) return;
        double dx = e.getSceneX() - pressScene.getX();
        double dy = e.getSceneY() - pressScene.getY();
        if (Math.abs(dx) + Math.abs(dy) > 2) dragged = true;
        if (marquee.isVisible()) {
            Point2D a = root.sceneToLocal(pressScene);
            Point2D b = root.sceneToLocal(e.getSceneX(), e.getSceneY());
            marquee.setX(Math.min(a.getX(), b.getX()));
            marquee.setY(Math.min(a.getY(), b.getY()));
            marquee.setWidth(Math.abs(a.getX() - b.getX()));
            marquee.setHeight(Math.abs(a.getY() - b.getY()));
        } else {
            autoFit = false;
            pan.setX(panStart.getX() + dx);
            pan.setY(panStart.getY() + dy);
        }
    }

    private void backgroundReleased(MouseEvent e) {
        if (pressScene == null) return;
        if (marquee.isVisible()) {
            Point2D a = world.parentToLocal(marquee.getX(), marquee.getY());
            Point2D b = world.parentToLocal(marquee.getX() + marquee.getWidth(), marquee.getY() + marquee.getHeight());
            List<String> hits = new ArrayList<>(vm.selection());
            for (LayerNode n : vm.graph().nodes()) {
                boolean inside = n.x() < b.getX() && n.x() + CARD_W > a.getX() && n.y() < b.getY() && n.y() + CARD_H > a.getY();
                if (inside && !hits.contains(n.id())) hits.add(n.id());
            }
            vm.selectOnly(hits);
            marquee.setVisible(false);
        } else if (!dragged) {
            vm.clearSelection();
            vm.selectedEdgeProperty().set(null);
        }
        pressScene = null;
    }

    private void scrolled(ScrollEvent e) {
        autoFit = false;
        if (e.isControlDown() || e.isShortcutDown()) {
            if (e.getDeltaY() != 0) {
                Point2D local = root.sceneToLocal(e.getSceneX(), e.getSceneY());
                zoomAround(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1, local.getX(), local.getY());
            }
        } else {
            pan.setX(pan.getX() + e.getDeltaX());
            pan.setY(pan.getY() + e.getDeltaY());
        }
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        KeyCode k = e.getCode();
        double step = e.isShiftDown() ? DesignerViewModel.GRID * 4 : DesignerViewModel.GRID;
        if (e.isShortcutDown() && (k == KeyCode.RIGHT || k == KeyCode.LEFT)) {
            selectNeighbour(k == KeyCode.RIGHT ? 1 : -1, e.isShiftDown());
        } else if (k == KeyCode.LEFT) {
            vm.nudgeSelection(-step, 0);
        } else if (k == KeyCode.RIGHT) {
            vm.nudgeSelection(step, 0);
        } else if (k == KeyCode.UP) {
            vm.nudgeSelection(0, -step);
        } else if (k == KeyCode.DOWN) {
            vm.nudgeSelection(0, step);
        } else if (k == KeyCode.DELETE || k == KeyCode.BACK_SPACE) {
            vm.deleteSelected();
        } else if (k == KeyCode.ESCAPE) {
            vm.clearSelection();
        } else {
            return;
        }
        e.consume();
    }

    /** Keyboard selection: the next or previous layer in data-flow order; with Shift it is added to the selection. */
    private void selectNeighbour(int direction, boolean extend) {
        List<String> order = new ArrayList<>(vm.analysis().topologicalOrder());
        for (LayerNode n : vm.graph().nodes()) {
            if (!order.contains(n.id())) order.add(n.id());
        }
        if (order.isEmpty()) return;
        String last = null;
        for (String id : vm.selection()) last = id;
        int i = last == null ? (direction > 0 ? -1 : order.size()) : order.indexOf(last);
        int next = Math.floorMod(i + direction, order.size());
        if (extend) {
            vm.selection().remove(order.get(next));
            vm.selection().add(order.get(next));
        } else {
            vm.select(order.get(next));
        }
    }

    /** Keeps the model coordinates of a node card (for tests and the problems list). */
    Optional<Region> cardOf(String nodeId) { return Optional.ofNullable(cards.get(nodeId)); }

}
