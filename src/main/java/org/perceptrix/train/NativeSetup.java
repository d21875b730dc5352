package org.perceptrix.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The environment ND4J's native libraries read once, when they load: OpenBLAS's core type (its CPU detection in the
 * bundled 0.3.19 does not know recent CPUs and falls back to slow generic kernels) and OpenMP's wait policy (busy
 * waiting threads fight the JVM's own for 2 cores). {@link #apply()} puts what is missing into the process's
 * environment with libc's {@code setenv} before ND4J loads, so users get the fast path without setting anything. Only
 * on Linux; elsewhere nothing is changed.
 */
public final class NativeSetup {
    /** Set to 0 by a user who wants the environment left as it is. */
    public static final String OPT_OUT = "PERCEPTRIX_TUNE";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NativeSetup.class);
    /**
     * DL4J M2.1 turns its layer helpers (oneDNN convolution, pooling, batch normalisation) off unless this system
     * property is "false"; {@link #apply()} turns them on unless the user set it.
     */
    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    private static volatile Map<String, String> applied;
    /** libgomp's spins before an idle thread sleeps (about 100,000 per millisecond). */
    static final String SPIN_COUNT = "3000";

    private NativeSetup() {
    }

    /**
     * The variables to add to {@code env} for this CPU (its {@code /proc/cpuinfo} flags); empty when nothing is
     * missing, when the OS is not Linux, or when the variables were already handled.
     */
    public static Map<String, String> wanted(String osName, Map<String, String> env, String cpuFlags) {
        Map<String, String> add = new LinkedHashMap<>();
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) return add;
        if ("0".equals(env.get(OPT_OUT))) return add;
        if (!env.containsKey("OPENBLAS_CORETYPE")) coreType(cpuFlags).ifPresent(t -> add.put("OPENBLAS_CORETYPE", t));
        if (!env.containsKey("OMP_WAIT_POLICY")) {
            add.put("OMP_WAIT_POLICY", "PASSIVE");
            // ...but a short spin (about 30 µs) before an idle OpenMP thread sleeps: a LeNet step makes ~20 oneDNN
            // calls back to back, and waking a sleeping thread for each cost 10-15% (docs/performance.md)
            if (!env.containsKey("GOMP_SPINCOUNT")) add.put("GOMP_SPINCOUNT", SPIN_COUNT);
        }
        return add;
    }

    /**
     * Sets the {@link #wanted} variables in this process's native environment; call it before anything touches ND4J
     * (the natives read them when they load). Idempotent; returns what was set. Failures are logged, never thrown.
     */
    public static synchronized Map<String, String> apply() {
        if (applied != null) return applied;
        Map<String, String> add = wanted(System.getProperty("os.name", ""), System.getenv(), cpuFlags());
        Map<String, String> done = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : add.entrySet()) {
            try {
                if (LibC.INSTANCE.setenv(e.getKey(), e.getValue(), 0) == 0) done.put(e.getKey(), e.getValue());
            } catch (LinkageError | RuntimeException ex) {
                LOG.warn("Could not set {} for the native libraries; training may be slower", e.getKey(), ex);
            }
        }
        if (System.getProperty(HELPERS_DISABLE) == null) System.setProperty(HELPERS_DISABLE, "false");
        if (!done.isEmpty()) LOG.info("Native environment for ND4J: {}", done);
        applied = Map.copyOf(done);
        return applied;
    }

    /**
     * Gives the pages that native code has freed back to the system (glibc's {@code malloc_trim}, over every arena).
     * Each training run has its own thread, and the memory ND4J freed in that thread's malloc arena otherwise stays
     * resident: the soak benchmark measured ~12 MB more per run without this. Called when a background run ends; Linux
     * with glibc only, elsewhere it does nothing. Takes a few milliseconds.
     */
    public static void releaseFreedNativeMemory() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return;
        try {
            LibC.INSTANCE.malloc_trim(0);
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("malloc_trim is not available (not glibc?)", e);
        }
    }

    /** A variable as the native libraries see it (Java's {@code System.getenv} keeps the value it started with). */
    public static String nativeGetenv(String name) {
        try {
            return LibC.INSTANCE.getenv(name);
        } catch (LinkageError | RuntimeException e) {
            return System.getenv(name);
        }
    }

    /** The libc calls, through JNA. */
    private interface LibC extends com.sun.jna.Library {
        LibC INSTANCE = com.sun.jna.Native.loadLibrary("c", LibC.class);

        int setenv(String name, String value, int overwrite);

        String getenv(String name);

        int malloc_trim(long pad);
    }

    /** OpenBLAS's kernels for a CPU with these flags, or empty when its own detection is as good. */
    static Optional<String> coreType(String cpuFlags) {
        String flags = " " + cpuFlags.toLowerCase(Locale.ROOT).replace('\t', ' ') + " ";
        if (flags.contains(" avx512f ") && flags.contains(" avx512bw ") && flags.contains(" avx512vl ")
                && flags.contains(" avx512dq ")) {
            return Optional.of("SkylakeX"); // 2x Haswell's sgemm rate on the AVX-512 EPYC measured (performance.md)
        }
        if (flags.contains(" avx2 ") && flags.contains(" fma ")) return Optional.of("Haswell");
        if (flags.contains(" avx ")) return Optional.of("SandyBridge");
        return Optional.empty();
    }

    /** The {@code flags} line of {@code /proc/cpuinfo}, or "" when it cannot be read. */
    public static String cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return "";
    }

    /** What is in effect in this JVM: the environment ND4J saw and what its natives report. */
    public record Report(String coreType, String ompThreads, String ompWaitPolicy, String ompSpinCount, int nd4jThreads, String blas,
                         String backend, String nativeBuild, boolean oneDnn, String directOneDnn) {
        public String summary() {
            return "OPENBLAS_CORETYPE=" + coreType + " OMP_NUM_THREADS=" + ompThreads + " OMP_WAIT_POLICY=" + ompWaitPolicy
                    + " GOMP_SPINCOUNT=" + ompSpinCount
                    + " nd4j_threads=" + nd4jThreads + " blas=" + blas + " backend=" + backend + " build=" + nativeBuild
                    + " onednn=" + oneDnn + " onednn_direct=" + directOneDnn;
        }
    }

    public static Report report() {
        INDArray probe = Nd4j.create(DataType.FLOAT, 1); // loads the natives
        probe.close();
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        String blas = Nd4j.factory().blas().getBlasVendor().toString();
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        return new Report(orDash(nativeGetenv("OPENBLAS_CORETYPE")), orDash(nativeGetenv("OMP_NUM_THREADS")),
                orDash(nativeGetenv("OMP_WAIT_POLICY")), orDash(nativeGetenv("GOMP_SPINCOUNT")), threads, blas, backend, nativeBuild(),
                org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled(),
                OneDnn.available() ? OneDnn.version() : "-");
    }

    /**
     * The helper each layer of {@code net} uses (e.g. {@code conv1=MKLDNNConvHelper}), preceded by Perceptrix's own
     * implementation of the layer where {@link FastLayers} put one in (e.g. {@code conv1=FastConvolutionLayer+
     * MKLDNNConvHelper}, {@code dense=FastDenseLayer}); {@code +OneDnnConvPool} where a convolution and its pooling
     * train on oneDNN called directly; layers with neither are left out.
     */
    public static Map<String, String> helpers(org.deeplearning4j.nn.graph.ComputationGraph net) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            boolean own = layer.getClass().getPackage() == NativeSetup.class.getPackage();
            org.deeplearning4j.nn.layers.LayerHelper h =
                    layer instanceof org.deeplearning4j.nn.layers.AbstractLayer<?> a ? helperOf(a) : null;
            String name = layer.conf().getLayer().getLayerName();
            boolean direct = layer instanceof FastConvolutionLayer c && c.unit != null
                    || layer instanceof FastMaxPoolLayer p && p.source().unit != null
                    || layer instanceof FastBatchNormLayer;
            if (direct) out.put(name, layer.getClass().getSimpleName() + "+" + OneDnnConvPool.class.getSimpleName());
            else if (own && h != null) out.put(name, layer.getClass().getSimpleName() + "+" + h.getClass().getSimpleName());
            else if (own) out.put(name, layer.getClass().getSimpleName());
            else if (h != null) out.put(name, h.getClass().getSimpleName());
        }
        return out;
    }

    private static org.deeplearning4j.nn.layers.LayerHelper helperOf(org.deeplearning4j.nn.api.Layer layer) {
        try {
            java.lang.reflect.Method m = layer.getClass().getMethod("getHelper");
            return (org.deeplearning4j.nn.layers.LayerHelper) m.invoke(layer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String orDash(String s) { return s == null ? "-" : s; }

    /** Which build of ND4J's natives JavaCPP loaded, e.g. {@code linux-x86_64-onednn-avx2}, from its path. */
    static String nativeBuild() {
        for (String path : org.bytedeco.javacpp.Loader.getLoadedLibraries().values()) {
            if (path == null || !path.contains("nd4jcpu")) continue;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("bindings/([^/]+)/").matcher(path.replace('\\', '/'));
            if (m.find()) return m.group(1);
            Path parent = Path.of(path).getParent();
            return parent == null ? path : parent.getFileName().toString();
        }
        return "unknown";
    }
}
