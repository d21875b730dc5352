package org.perceptrix.ui;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.perceptrix.graph.Edge;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.i18n.Messages;

import static org.assertj.core.api.Assertions.assertThat;

/** The designer's view model, without the FX thread. */
class DesignerViewModelTest {
    private Locale before;
    private DesignerViewModel vm;

    @BeforeEach
    void englishAndEmpty() {
        before = Messages.locale();
        Messages.setLocale(Locale.ENGLISH);
        vm = new DesignerViewModel(new NetworkGraph(), "test");
    }

    @AfterEach
    void restoreLocale() { Messages.setLocale(before); }

    private String mlp() {
        String in = vm.addNode(LayerType.VECTOR_INPUT, 0, 0);
        String dense = vm.addNode(LayerType.DENSE, 200, 0);
        String out = vm.addNode(LayerType.OUTPUT, 400, 0);
        assertThat(vm.connect(in, dense)).isTrue();
        assertThat(vm.connect(dense, out)).isTrue();
        return dense;
    }

    @Test
    void lenetOpensValidWithItsShapes() {
        DesignerViewModel lenet = new DesignerViewModel(StarterProjects.load("lenet"), null, TaskRunner.synchronous());
        assertThat(lenet.analysis().isValid()).isTrue();
        String conv1 = lenet.graph().nodeNamed("conv1").orElseThrow().id();
        assertThat(lenet.shapeText(conv1)).isEqualTo("24×24×20");
        assertThat(lenet.analysis().totalParameters()).isEqualTo(431_360);
        assertThat(lenet.titleProperty().get()).isEqualTo("Perceptrix — LeNet");
        assertThat(lenet.validityText()).isEqualTo("Valid");
    }

    @Test
    void memoryEstimateUsesTheProjectsBatchSize() {
        DesignerViewModel lenet = new DesignerViewModel(StarterProjects.load("lenet"), null, TaskRunner.synchronous());
        assertThat(lenet.memoryText()).endsWith("(batch 32)");
        String before = lenet.memoryText();
        lenet.changeTraining(lenet.training().withBatchSize(256), "batch size");
        assertThat(lenet.memoryText()).endsWith("(batch 256)").isNotEqualTo(before);
        lenet.undo();
        assertThat(lenet.memoryText()).isEqualTo(before);
    }

    @Test
    void buildingAnMlpUpdatesShapesParametersAndTitle() {
        String dense = mlp();
        assertThat(vm.analysis().isValid()).isTrue();
        assertThat(vm.shapeText(dense)).isEqualTo("128");
        assertThat(vm.analysis().totalParameters()).isEqualTo(784L * 128 + 128 + 128L * 10 + 10);
        assertThat(vm.titleProperty().get()).isEqualTo("Perceptrix — test *");
        assertThat(vm.parametersText()).isEqualTo("Parameters: 101,770");
    }

    @Test
    void undoingEverythingLeavesAnEmptyCleanGraphAndRedoRestoresIt() {
        String dense = mlp();
        vm.setProperty(dense, "units", "64");
        int steps = vm.jobs().undoSize();
        for (int i = 0; i < steps; i++) vm.undo();
        assertThat(vm.graph().isEmpty()).isTrue();
        assertThat(vm.jobs().isDirty()).isFalse();
        assertThat(vm.titleProperty().get()).isEqualTo("Perceptrix — test");
        for (int i = 0; i < steps; i++) vm.redo();
        assertThat(vm.graph().size()).isEqualTo(3);
        assertThat(vm.graph().edges()).hasSize(2);
        assertThat(vm.graph().require(dense).intProperty("units")).isEqualTo(64);
        assertThat(vm.analysis().totalParameters()).isEqualTo(784L * 64 + 64 + 64L * 10 + 10);
    }

    @Test
    void badPropertyValueIsAMessageNotAnException() {
        String dense = mlp();
        long revision = vm.jobs().revisionProperty().get();
        assertThat(vm.setProperty(dense, "units", "lots")).isPresent();
        assertThat(vm.setProperty(dense, "units", "0")).isPresent();
        assertThat(vm.messageProperty().get()).contains("units");
        assertThat(vm.jobs().revisionProperty().get()).isEqualTo(revision);
        assertThat(vm.graph().require(dense).intProperty("units")).isEqualTo(128);
    }

    @Test
    void editsOfOnePropertyMergeIntoOneUndoStep() {
        String dense = mlp();
        int before = vm.jobs().undoSize();
        vm.setProperty(dense, "units", "10");
        vm.setProperty(dense, "units", "20");
        vm.setProperty(dense, "units", "30");
        assertThat(vm.jobs().undoSize()).isEqualTo(before + 1);
        vm.undo();
        assertThat(vm.graph().require(dense).intProperty("units")).isEqualTo(128);
    }

    @Test
    void invalidConnectionsAreRefusedWithAReason() {
        String in = vm.addNode(LayerType.VECTOR_INPUT, 0, 0);
        String dense = vm.addNode(LayerType.DENSE, 200, 0);
        String out = vm.addNode(LayerType.OUTPUT, 400, 0);
        assertThat(vm.connectionRefusal(out, in)).isPresent();
        assertThat(vm.connectionRefusal(dense, dense)).contains("A layer cannot be connected to itself.");
        vm.connect(in, dense);
        assertThat(vm.connectionRefusal(in, dense)).contains("These layers are already connected.");
        vm.connect(dense, out);
        assertThat(vm.connect(out, dense)).isFalse();
        assertThat(vm.messageProperty().get()).isNotEmpty();
        assertThat(vm.graph().edges()).hasSize(2);
    }

    @Test
    void loopsAreRefused() {
        String a = vm.addNode(LayerType.DENSE, 0, 0);
        String b = vm.addNode(LayerType.CONCATENATE, 200, 0);
        vm.connect(a, b);
        assertThat(vm.connectionRefusal(b, a)).isPresent();
    }

    @Test
    void shapeMismatchIsAllowedButPinnedToTheNode() {
        String in = vm.addNode(LayerType.VECTOR_INPUT, 0, 0);
        String conv = vm.addNode(LayerType.CONV2D, 200, 0);
        assertThat(vm.connect(in, conv)).isTrue();
        assertThat(vm.hasError(conv)).isTrue();
        assertThat(vm.edgeTrouble(new Edge(in, conv))).isPresent();
        assertThat(vm.shapeText(conv)).isEqualTo("?");
    }

    @Test
    void deletingASelectionIsOneStepAndUndoRestoresEdgesInOrder() {
        mlp();
        var edges = vm.graph().edges();
        var before = java.util.List.copyOf(edges);
        vm.selectAll();
        vm.deleteSelection();
        assertThat(vm.graph().isEmpty()).isTrue();
        vm.undo();
        assertThat(vm.graph().edges()).isEqualTo(before);
    }

    @Test
    void undoingADeletePutsLayersBackInTheirPlaceInTheNodeOrder() {
        mlp();
        var order = vm.graph().nodes().stream().map(org.perceptrix.graph.LayerNode::id).toList();
        vm.selectOnly(java.util.List.of(order.get(0), order.get(1)));
        vm.deleteSelection();
        vm.undo();
        assertThat(vm.graph().nodes()).extracting(org.perceptrix.graph.LayerNode::id).containsExactlyElementsOf(order);
    }

    @Test
    void aDragIsOneStepAndSnapsToTheGrid() {
        String a = vm.addNode(LayerType.DENSE, 0, 0);
        String b = vm.addNode(LayerType.DENSE, 200, 0);
        int before = vm.jobs().undoSize();
        vm.moveNodes(Map.of(a, new double[] {33, 47}, b, new double[] {233, 47}));
        assertThat(vm.jobs().undoSize()).isEqualTo(before + 1);
        assertThat(vm.graph().require(a).x()).isEqualTo(40);
        assertThat(vm.graph().require(a).y()).isEqualTo(40);
        vm.undo();
        assertThat(vm.graph().require(b).x()).isEqualTo(200);
    }

    @Test
    void repeatedNudgesMerge() {
        String a = vm.addNode(LayerType.DENSE, 0, 0);
        int before = vm.jobs().undoSize();
        vm.nudgeSelection(20, 0);
        vm.nudgeSelection(20, 0);
        vm.nudgeSelection(0, 20);
        assertThat(vm.jobs().undoSize()).isEqualTo(before + 1);
        assertThat(vm.graph().require(a).x()).isEqualTo(40);
        vm.undo();
        assertThat(vm.graph().require(a).x()).isEqualTo(0);
        assertThat(vm.graph().require(a).y()).isEqualTo(0);
    }

    @Test
    void pasteCopiesNodesAndTheEdgesAmongThemWithFreshNames() {
        mlp();
        vm.selectAll();
        vm.copySelection();
        vm.paste();
        assertThat(vm.graph().size()).isEqualTo(6);
        assertThat(vm.graph().edges()).hasSize(4);
        assertThat(vm.graph().nodeNamed("dense2")).isPresent();
        assertThat(vm.selection()).hasSize(3);
        vm.undo();
        assertThat(vm.graph().size()).isEqualTo(3);
    }

    @Test
    void duplicateKeepsProperties() {
        String dense = mlp();
        vm.setProperty(dense, "units", "42");
        vm.select(dense);
        vm.duplicateSelection();
        String copy = vm.graph().nodeNamed("dense2").orElseThrow().id();
        assertThat(vm.graph().require(copy).intProperty("units")).isEqualTo(42);
    }

    @Test
    void renamingTheProjectChangesTheTitleAndUndoes() {
        vm.renameProject("Digits");
        assertThat(vm.titleProperty().get()).isEqualTo("Perceptrix — Digits *");
        vm.undo();
        assertThat(vm.titleProperty().get()).isEqualTo("Perceptrix — test");
    }

    @Test
    void renameRefusesEmptyAndTakenNames() {
        String dense = mlp();
        assertThat(vm.rename(dense, " ")).isPresent();
        assertThat(vm.rename(dense, "out1")).isPresent();
        assertThat(vm.rename(dense, "hidden")).isEmpty();
        assertThat(vm.graph().require(dense).name()).isEqualTo("hidden");
        vm.undo();
        assertThat(vm.graph().require(dense).name()).isEqualTo("dense1");
    }

    @Test
    void autoLayoutPlacesLayersLeftToRightAsOneStep() {
        mlp();
        vm.moveNodes(Map.of(vm.graph().nodeNamed("out1").orElseThrow().id(), new double[] {0, 500}));
        int before = vm.jobs().undoSize();
        vm.autoLayout();
        assertThat(vm.jobs().undoSize()).isEqualTo(before + 1);
        double x1 = vm.graph().nodeNamed("input1").orElseThrow().x();
        double x2 = vm.graph().nodeNamed("dense1").orElseThrow().x();
        double x3 = vm.graph().nodeNamed("out1").orElseThrow().x();
        assertThat(x1).isLessThan(x2);
        assertThat(x2).isLessThan(x3);
    }

    @Test
    void convHelpCardWorksOutTheSizeFormulaWithTheLayersNumbers() {
        DesignerViewModel lenet = new DesignerViewModel(StarterProjects.load("lenet"), null, TaskRunner.synchronous());
        var conv1 = lenet.graph().nodeNamed("conv1").orElseThrow();
        HelpCard card = HelpCard.of(lenet.graph(), lenet.analysis(), conv1);
        assertThat(card.worked()).contains("height: ⌊(28 − 5) / 1⌋ + 1 = 24");
        assertThat(card.worked()).anyMatch(s -> s.contains("= 520"));
        assertThat(card.summary()).isNotBlank();
    }

    @Test
    void statusTextsFollowTheLanguage() {
        mlp();
        Messages.setLocale(Locale.SIMPLIFIED_CHINESE);
        vm.languageChanged();
        assertThat(vm.validityText()).isEqualTo("有效");
        assertThat(vm.parametersText()).startsWith("参数");
    }
}
