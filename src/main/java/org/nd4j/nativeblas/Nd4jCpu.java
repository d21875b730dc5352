package org.nd4j.nativeblas;

/**
 * A bridge for a renamed class in DL4J 1.0.0-M2.1. DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by reflection, but ND4J M2.1 moved the
 * class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and renamed the method {@code isUseONEDNN}; the
 * lookup fails, and DL4J silently never uses its oneDNN helpers for convolution, pooling and batch normalisation,
 * even with the oneDNN build of the natives. This class answers that lookup from the real environment.
 * {@code NativeSetupTest} checks that the helpers are in use.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The part of the old {@code Environment} that DL4J asks for. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() { return INSTANCE; }

        /** Whether the loaded natives were built with oneDNN and allow it (false on the plain builds). */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN()
                    && NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
        }
    }
}
