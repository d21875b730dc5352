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
    void freesTheThreadsWorkspacesWithoutCallingSystemGc() throws Exception {
        // ND4J's destroyAllWorkspacesForCurrentThread calls System.gc(): under G1 a full collection that froze the
        // window for 100-200 ms at the end of every run. Every collector reports that cause.
        AtomicInteger systemGcs = new AtomicInteger();
        NotificationListener listener = (n, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            if (info.getGcCause().contains("System.gc")) systemGcs.incrementAndGet();
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
            assertThat(systemGcs.get()).as("System.gc() calls").isZero();
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
