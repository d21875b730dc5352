package org.perceptrix.train;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.MemoryWorkspaceManager;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs ND4J work on a new daemon thread and frees that thread's ND4J workspaces before it ends: workspaces are
 * per thread and off-heap, so a thread per training run would otherwise leave its memory behind. Then it hands the
 * freed native pages back to the system ({@link NativeSetup#releaseFreedNativeMemory}).
 */
public final class BackgroundThread {
    private BackgroundThread() {
    }

    /** Starts {@code work} on a daemon thread called {@code name}; the future completes with its result or exception. */
    public static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                release();
                future.completeExceptionally(e);
                return;
            }
            release();
            future.complete(result);
        }, name);
        t.setDaemon(true);
        t.start();
        return future;
    }

    /**
     * Destroys the thread's workspaces one by one: ND4J's {@code destroyAllWorkspacesForCurrentThread} also calls
     * {@code System.gc()}, a full collection that froze the window for 100–200 ms at the end of every run.
     */
    static void release() {
        MemoryWorkspaceManager manager = Nd4j.getWorkspaceManager();
        for (MemoryWorkspace w : List.copyOf(manager.getAllWorkspacesForCurrentThread())) manager.destroyWorkspace(w);
        if (CONCURRENT_COLLECTOR) {
            // ZGC (as the app runs) collects rarely, and every ND4J array's native memory waits for its Java object to
            // be collected: 20 runs grew resident memory by 480-670 MB. A collection at the end of a run is concurrent
            // there (pauses under a millisecond); then JavaCPP frees the arrays it found unreachable, at once.
            System.gc();
            org.bytedeco.javacpp.Pointer.deallocateReferences();
        }
        NativeSetup.releaseFreedNativeMemory();
    }

    private static final boolean CONCURRENT_COLLECTOR = concurrentCollector();

    /**
     * Whether the JVM collects with ZGC or Shenandoah, whose collections (explicit ones too) do not stop the
     * application for more than a millisecond; the app is started with ZGC (README, installer).
     */
    public static boolean concurrentCollector() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(b -> b.getName().startsWith("ZGC") || b.getName().startsWith("Shenandoah"));
    }
}
