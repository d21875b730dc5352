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
 * The environment ND4J's native libraries read once, when they load: OpenBLAS's core type (its CPU detection does not
 * know recent CPUs and falls back to slow generic kernels) and OpenMP's thread count and wait policy. The
 * {@code Launcher} starts the JVM again with {@link #wanted} set when they are missing, since a running JVM cannot
 * change the environment its native libraries see. Only on Linux; elsewhere nothing is changed.
 */
public final class NativeSetup {
    /** Set in the restarted JVM so it never restarts again. */
    public static final String MARKER = "PERCEPTRIX_NATIVE_ENV";
    /** Set to 0 by a user who wants the JVM left as it is. */
    public static final String OPT_OUT = "PERCEPTRIX_TUNE";

    private NativeSetup() {
    }

    /**
     * The variables to add to {@code env} for this CPU (its {@code /proc/cpuinfo} flags); empty when nothing is
     * missing, when the OS is not Linux, or when the variables were already handled.
     */
    public static Map<String, String> wanted(String osName, Map<String, String> env, String cpuFlags) {
        Map<String, String> add = new LinkedHashMap<>();
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) return add;
        if (env.containsKey(MARKER) || "0".equals(env.get(OPT_OUT))) return add;
        if (!env.containsKey("OPENBLAS_CORETYPE")) coreType(cpuFlags).ifPresent(t -> add.put("OPENBLAS_CORETYPE", t));
        if (!env.containsKey("OMP_WAIT_POLICY")) add.put("OMP_WAIT_POLICY", "PASSIVE");
        return add;
    }

    /** OpenBLAS's kernels for a CPU with these flags, or empty when its own detection is as good. */
    static Optional<String> coreType(String cpuFlags) {
        String flags = " " + cpuFlags.toLowerCase(Locale.ROOT).replace('\t', ' ') + " ";
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
    public record Report(String coreType, String ompThreads, String ompWaitPolicy, int nd4jThreads, String blas,
                         String backend) {
        public String summary() {
            return "OPENBLAS_CORETYPE=" + coreType + " OMP_NUM_THREADS=" + ompThreads + " OMP_WAIT_POLICY=" + ompWaitPolicy
                    + " nd4j_threads=" + nd4jThreads + " blas=" + blas + " backend=" + backend;
        }
    }

    public static Report report() {
        Map<String, String> env = System.getenv();
        INDArray probe = Nd4j.create(DataType.FLOAT, 1); // loads the natives
        probe.close();
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        String blas = Nd4j.factory().blas().getBlasVendor().toString();
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        return new Report(env.getOrDefault("OPENBLAS_CORETYPE", "-"), env.getOrDefault("OMP_NUM_THREADS", "-"),
                env.getOrDefault("OMP_WAIT_POLICY", "-"), threads, blas, backend);
    }
}
