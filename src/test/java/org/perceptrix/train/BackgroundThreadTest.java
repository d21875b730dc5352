package org.perceptrix.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

class BackgroundThreadTest {

    @Test
    void freesTheThreadsWorkspacesWithoutAFullCollection() throws Exception {
        long fullBefore = fullCollections();

        List<String> left = BackgroundThread.start("perceptrix-test", () -> {
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace("background-test")) {
                Nd4j.create(1000).addi(1);
            }
            assertThat(Nd4j.getWorkspaceManager().getAllWorkspacesIdsForCurrentThread()).contains("background-test");
            BackgroundThread.release();
            return Nd4j.getWorkspaceManager().getAllWorkspacesIdsForCurrentThread();
        }).get(60, TimeUnit.SECONDS);

        assertThat(left).isEmpty();
        // ND4J's destroyAllWorkspacesForCurrentThread calls System.gc(): a full collection that freezes the window
        assertThat(fullCollections()).isEqualTo(fullBefore);
    }

    @Test
    void handsBackTheResultOrTheException() throws Exception {
        assertThat(BackgroundThread.start("perceptrix-test", () -> 42).get(10, TimeUnit.SECONDS)).isEqualTo(42);
        assertThat(BackgroundThread.start("perceptrix-test", () -> {
            throw new IllegalStateException("broken");
        })).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
    }

    /** Full (stop-the-world, whole-heap) collections so far: what System.gc() runs under G1. */
    private static long fullCollections() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (b.getName().contains("Old") || b.getName().contains("MarkSweep")) n += Math.max(0, b.getCollectionCount());
        }
        return n;
    }
}
