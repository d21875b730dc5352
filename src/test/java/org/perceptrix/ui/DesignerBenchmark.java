package org.perceptrix.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;

/**
 * Not a timed unit test: {@code mvn -Pbench test -Dtest=DesignerBenchmark}. Writes target/bench/designer.txt with the
 * median time to re-validate and redraw a 300-node graph after a drag, and the time to open LeNet to a drawn canvas.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class DesignerBenchmark {
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = DesignerFx.open(stage, chain(300), "bench");
    }

    /** Input → 298 alternating Dense/Dropout → Output, in bands. */
    static NetworkGraph chain(int size) {
        NetworkGraph g = new NetworkGraph();
        String prev = g.addNode(LayerType.VECTOR_INPUT, 0, 0).id();
        for (int i = 1; i < size - 1; i++) {
            LayerNode n = g.addNode(i % 2 == 1 ? LayerType.DENSE : LayerType.DROPOUT, (i % 20) * 240.0, (i / 20) * 200.0);
            g.connect(prev, n.id());
            prev = n.id();
        }
        g.connect(prev, g.addNode(LayerType.OUTPUT, 0, 3200).id());
        return AutoLayout.apply(g);
    }

    /**
     * The cost of one edit as the student feels it: the model change with re-validation, plus the CSS and layout pass
     * of the pulse that follows (measured between the scene's pre- and post-layout pulse listeners).
     */
    private double timeEditAndPulse(FxRobot robot, Runnable edit) throws Exception {
        java.util.concurrent.CompletableFuture<Double> done = new java.util.concurrent.CompletableFuture<>();
        robot.interact(() -> {
            javafx.scene.Scene scene = stage.getScene();
            long t0 = System.nanoTime();
            edit.run();
            long model = System.nanoTime() - t0;
            long[] pre = new long[1];
            Runnable[] listeners = new Runnable[2];
            listeners[0] = () -> pre[0] = System.nanoTime();
            listeners[1] = () -> {
                scene.removePreLayoutPulseListener(listeners[0]);
                scene.removePostLayoutPulseListener(listeners[1]);
                done.complete((model + System.nanoTime() - pre[0]) / 1e6);
            };
            scene.addPreLayoutPulseListener(listeners[0]);
            scene.addPostLayoutPulseListener(listeners[1]);
            javafx.application.Platform.requestNextPulse();
        });
        return done.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void dragInA300NodeGraphAndOpeningLenet(FxRobot robot) throws Exception {
        DesignerViewModel vm = window.viewModel();
        String id = vm.graph().nodeNamed("dense5").orElseThrow().id();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double x = 100 + (i % 2) * 40;
            millis.add(timeEditAndPulse(robot, () -> vm.moveNodes(Map.of(id, new double[] {x, 100}))));
        }
        millis.subList(0, 10).clear(); // warm-up
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];

        long[] open = new long[1];
        robot.interact(() -> {
            long t0 = System.nanoTime();
            vm.replaceProject(StarterProjects.load("lenet"), null);
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            open[0] = System.nanoTime() - t0;
        });
        WaitForAsyncUtils.waitForFxEvents();
        String report = String.format("drag re-validate + redraw, 300 nodes: median %.2f ms (p90 %.2f ms, n=%d)%n"
                        + "open LeNet template to a drawn canvas: %.1f ms%n", median,
                sorted[(int) (sorted.length * 0.9)], sorted.length, open[0] / 1e6);
        Path out = Path.of("target/bench/designer.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.print(report + Arrays.toString(sorted) + System.lineSeparator());
    }
}
