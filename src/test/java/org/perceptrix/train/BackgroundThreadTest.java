package org.perceptrix.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

class BackgroundThreadTest {

    @Test
    void freesTheThreadsWorkspacesWithoutStoppingTheApplication() throws Exception {
        // ND4J's destroyAllWorkspacesForCurrentThread calls System.gc(): under G1 a full collection that froze the
        // window for 100-200 ms at the end of every run. Under ZGC (as the app runs) the end of a run does ask for a
        // collection, which is concurrent there: its pauses must stay short. Every collector reports that cause.
        AtomicInteger stoppingSystemGcs = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong longestConcurrentPause = new java.util.concurrent.atomic.AtomicLong();
        NotificationListener listener = (n, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            if (!info.getGcCause().contains("System.gc")) return;
            String name = info.getGcName();
            if (!name.startsWith("ZGC") && !name.startsWith("Shenandoah")) stoppingSystemGcs.incrementAndGet();
            else if (name.contains("Pauses")) longestConcurrentPause.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
        };
        List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
        for (GarbageCollectorMXBean b : beans) ((NotificationEmitter) b).addNotificationListener(listener, null, null);
        try {
            List<String> left = BackgroundThread.start("perceptrix-test", () -> {
                try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace("background-test")) {
                    Nd4j.create(1000).addi(1);
                }
                assertThat(Nd4j.getWorkspaceManager().getAllWorkspacesIdsForCurrentThread()).contains("background-test");
                BackgroundThread.release();
                return Nd4j.getWorkspaceManager().getAllWorkspacesIdsForCurrentThread();
            }).get(60, TimeUnit.SECONDS);

            assertThat(left).isEmpty();
            TimeUnit.MILLISECONDS.sleep(500); // notifications arrive on a service thread
            assertThat(stoppingSystemGcs.get()).as("stop-the-world System.gc() collections").isZero();
            assertThat(longestConcurrentPause.get()).as("longest pause of a concurrent System.gc(), ms").isLessThan(20);
        } finally {
            for (GarbageCollectorMXBean b : beans) ((NotificationEmitter) b).removeNotificationListener(listener);
        }
    }

    @Test
    void handsBackTheResultOrTheException() throws Exception {
        assertThat(BackgroundThread.start("perceptrix-test", () -> 42).get(10, TimeUnit.SECONDS)).isEqualTo(42);
        assertThat(BackgroundThread.start("perceptrix-test", () -> {
            throw new IllegalStateException("broken");
        })).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
    }
}
