package org.perceptrix.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.perceptrix.data.DataLoader;
import org.perceptrix.io.Json;
import org.perceptrix.project.Project;
import org.perceptrix.project.ProjectTraining;
import org.perceptrix.project.Templates;
import org.perceptrix.train.TrainingEvent;

/**
 * Issue 4's soak check: 20 runs one after another in one JVM through the app's training flow, the MLP template
 * and the plain LeNet in turn (LeNet's convolutions hold oneDNN primitives and buffers of their own), every third stopped
 * mid-way. Resident memory may grow by less than 100 MB from the 2nd to the 20th run, and no thread may be left
 * behind. Figures go to {@code target/bench/training-soak.json}.
 */
@Tag("bench")
class TrainingSoakTest {
    private static final Path OUT = Path.of("target", "bench");
    private static final int RUNS = 20;

    @Test
    void twentyRunsLeaveNeitherMemoryNorThreadsBehind() throws Exception {
        org.perceptrix.train.NativeSetup.apply(); // as the app's Launcher does first
        Project template = Templates.load("lenet");
        // the comparison's plain LeNet: its convolutions and poolings train on OneDnnConvPool
        Project plainLeNet = new Project("plain-lenet", org.perceptrix.evaluate.PeerComparison.network("lenet"),
                template.data(), template.scaling(), template.training(), List.of());
        List<Project> projects = List.of(Templates.load("mlp"), plainLeNet);
        DataLoader.LoadedData data = DataLoader.bundledMnist();
        ProjectTraining.Options options = new ProjectTraining.Options(OptionalInt.of(2), OptionalInt.of(1000), Optional.empty());
        long rssAfterSecond = 0;
        long heapAfterSecond = 0;
        Set<String> threadsAfterSecond = Set.of();
        int stopped = 0;
        for (int run = 1; run <= RUNS; run++) {
            boolean stopMidway = run % 3 == 0;
            Project project = projects.get(run % 2);
            ProjectTraining[] training = new ProjectTraining[1];
            training[0] = new ProjectTraining(project, data, Path.of("."), options, e -> {
                if (stopMidway && e instanceof TrainingEvent.Iteration it && it.iteration() == 20) training[0].stop();
            });
            ProjectTraining.Outcome outcome = training[0].start().get(120, TimeUnit.SECONDS);
            assertThat(outcome.run().status()).isEqualTo(stopMidway ? "stopped" : "finished");
            if (stopMidway) stopped++;
            waitForTrainingThreadsToEnd();
            if (run == 2) {
                rssAfterSecond = settledRss();
                heapAfterSecond = Runtime.getRuntime().totalMemory();
                threadsAfterSecond = liveThreads();
            }
        }
        long rssAfterLast = settledRss();
        Set<String> threadsAfterLast = liveThreads();
        Set<String> newThreads = new TreeSet<>(threadsAfterLast);
        newThreads.removeAll(threadsAfterSecond);
        // the app's own service threads (file saving, settings) come and go with a GUI an earlier test left open
        newThreads.removeIf(n -> n.startsWith("perceptrix-") && !trainingThread(n));
        double growthMb = (rssAfterLast - rssAfterSecond) / 1024.0 / 1024.0;

        ObjectNode o = Json.newObject();
        o.put("runs", RUNS).put("stopped_midway", stopped).put("rss_after_run_2_mb", rssAfterSecond / 1024.0 / 1024.0)
                .put("rss_after_run_20_mb", rssAfterLast / 1024.0 / 1024.0).put("rss_growth_mb", growthMb)
                .put("threads_after_run_2", threadsAfterSecond.size()).put("threads_after_run_20", threadsAfterLast.size())
                .put("new_threads", newThreads.toString())
                .put("heap_used_mb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024.0 / 1024.0)
                .put("heap_committed_after_run_2_mb", heapAfterSecond / 1024.0 / 1024.0)
                .put("heap_committed_mb", Runtime.getRuntime().totalMemory() / 1024.0 / 1024.0)
                .put("javacpp_physical_mb", org.bytedeco.javacpp.Pointer.physicalBytes() / 1024.0 / 1024.0)
                .put("javacpp_tracked_mb", org.bytedeco.javacpp.Pointer.totalBytes() / 1024.0 / 1024.0);
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("training-soak.json"), Json.mapper().writeValueAsString(o) + "\n");

        // no training thread left (the app's own service threads, e.g. an earlier GUI benchmark's in this JVM, may stay)
        assertThat(threadsAfterLast).noneMatch(TrainingSoakTest::trainingThread);
        assertThat(newThreads).as("threads that appeared between the 2nd and the 20th run").isEmpty();
        assertThat(growthMb).as("resident memory growth from the 2nd to the 20th run, MB").isLessThan(100);
    }

    /** A thread that trains (a run's or a search's); the app's other threads live as long as the app. */
    private static boolean trainingThread(String name) {
        return name.startsWith("perceptrix-training") || name.startsWith("perceptrix-search");
    }

    private static void waitForTrainingThreadsToEnd() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (liveThreads().stream().anyMatch(TrainingSoakTest::trainingThread) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Names of live threads, numbered pool workers folded together (they come and go with load). */
    private static Set<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(t -> t.getName().replaceAll("-worker-\\d+$", "-worker")).collect(Collectors.toCollection(TreeSet::new));
    }

    /** VmRSS after garbage collection has had the chance to free ND4J's off-heap buffers. */
    private static long settledRss() throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status (not Linux?)");
    }
}
