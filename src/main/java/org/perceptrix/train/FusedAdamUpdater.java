package org.perceptrix.train;

import java.lang.reflect.Field;
import java.util.List;

import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.ConvexOptimizer;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.deeplearning4j.optimize.stepfunctions.NegativeGradientStepFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DL4J's network updater with the Adam step done in one pass over each parameter block (docs/performance.md): DL4J
 * divides the whole gradient by the batch size (one native op), applies Adam (one pass, {@link FastAdam}), then its
 * solver subtracts the result from the parameters (another op), and because DL4J M2.1 always treats the network's
 * own gradient as an "external" one it also makes fresh views of every parameter per step for regularisation it
 * does not have. Here, when every block uses {@link FastAdam} and no layer has regularisation or gradient
 * normalisation, each block's gradient, Adam state and parameters are read and written once; the solver's step
 * function is told to skip its subtraction for that step. Any other case is DL4J's own path, unchanged. The updater
 * state is DL4J's (same blocks and state view), so models save and load as before.
 */
final class FusedAdamUpdater extends ComputationGraphUpdater {
    private static final Logger LOG = LoggerFactory.getLogger(FusedAdamUpdater.class);

    private final ComputationGraph net;
    private final SkippableStep step = new SkippableStep();
    private Boolean fusable;
    /** Steps done on the fused path (for tests). */
    long fusedSteps;
    /** Whether the next fused step should measure the update-to-parameter ratio; the ratio it measured (or NaN). */
    private boolean measureNext;
    private double lastRatio = Double.NaN;
    private final double[] norms = new double[2];
    private INDArray[] blockParams;

    private FusedAdamUpdater(ComputationGraph net) {
        super(net);
        this.net = net;
    }

    /**
     * Makes this the updater of {@code net} (a fresh network whose updater was not created yet) and installs its step
     * function in the network's solver; returns it, or null when the network already has an updater or the solver
     * could not take the step function (DL4J's path then stays as it is).
     */
    static FusedAdamUpdater install(ComputationGraph net) {
        if (net.getUpdater(false) != null) return null;
        FusedAdamUpdater updater = new FusedAdamUpdater(net);
        net.setUpdater(updater);
        ConvexOptimizer optimizer = net.getOptimizer();
        if (!(optimizer instanceof BaseOptimizer)) return updater;
        try {
            Field f = BaseOptimizer.class.getDeclaredField("stepFunction");
            f.setAccessible(true);
            if (f.get(optimizer) instanceof NegativeGradientStepFunction) {
                f.set(optimizer, updater.step);
                updater.step.installed = true;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not install the fused Adam step; DL4J's step function stays", e);
        }
        return updater;
    }

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize, LayerWorkspaceMgr workspaceMgr) {
        if (!step.installed || !fusable() || !ownGradient(gradient)) {
            super.update(gradient, iteration, epoch, batchSize, workspaceMgr);
            return;
        }
        List<UpdaterBlock> blocks = getUpdaterBlocks();
        for (int i = 0; i < blocks.size(); i++) {
            UpdaterBlock b = blocks.get(i);
            if (b.getGradientView() == null || b.getGradientView().length() == 0) continue;
            if (!((FastAdam) b.getGradientUpdater()).canFuse(b.getGradientView(), blockParams[i])) {
                super.update(gradient, iteration, epoch, batchSize, workspaceMgr);
                return;
            }
        }
        float divisor = isMiniBatch() ? batchSize : 1f;
        boolean measure = measureNext;
        measureNext = false;
        norms[0] = 0;
        norms[1] = 0;
        for (int i = 0; i < blocks.size(); i++) {
            UpdaterBlock b = blocks.get(i);
            if (b.getGradientView() == null || b.getGradientView().length() == 0) continue;
            ((FastAdam) b.getGradientUpdater()).applyFused(b.getGradientView(), blockParams[i], iteration, epoch, divisor,
                    measure ? norms : null);
        }
        lastRatio = measure && norms[0] > 0 ? Math.sqrt(norms[1]) / Math.sqrt(norms[0]) : Double.NaN;
        step.skipNext = true;
        fusedSteps++;
    }

    /**
     * Asks the next step to measure ‖Δθ‖ / ‖θ‖ (the parameters' change against their size before it) in its pass;
     * returns false, asking nothing, when that step will not take the fused path (measure it some other way).
     */
    boolean measureNextStep() {
        if (!step.installed || !fusable()) return false;
        measureNext = true;
        lastRatio = Double.NaN;
        return true;
    }

    /** The ratio the last step measured, or NaN (not asked, or the step fell back to DL4J's path). */
    double measuredRatio() {
        return lastRatio;
    }

    /** Every block is FastAdam and no layer has regularisation or gradient normalisation (decided once). */
    private boolean fusable() {
        if (fusable != null) return fusable;
        boolean ok = true;
        List<UpdaterBlock> blocks = getUpdaterBlocks();
        blockParams = new INDArray[blocks.size()];
        INDArray flatParams = net.params().reshape(net.params().length());
        for (int i = 0; i < blocks.size() && ok; i++) {
            UpdaterBlock b = blocks.get(i);
            if (b.getGradientUpdater() == null) b.init();
            if (!(b.getGradientUpdater() instanceof FastAdam)) ok = false;
            for (UpdaterBlock.ParamState s : b.getLayersAndVariablesInBlock()) {
                TrainingConfig c = s.getLayer().getConfig();
                List<?> reg = c.getRegularizationByParam(s.getParamName());
                GradientNormalization gn = c.getGradientNormalization();
                if ((reg != null && !reg.isEmpty()) || (gn != null && gn != GradientNormalization.None)) ok = false;
            }
            blockParams[i] = flatParams.get(NDArrayIndex.interval(b.getParamOffsetStart(), b.getParamOffsetEnd()));
        }
        fusable = ok;
        return ok;
    }

    /** The gradient is the network's own flat gradient array (the blocks' views point into it). */
    private boolean ownGradient(Gradient gradient) {
        INDArray g = gradient.gradient();
        INDArray own = net.getFlattenedGradients();
        return g != null && own != null && g.length() == own.length()
                && g.data().addressPointer().address() == own.data().addressPointer().address();
    }

    /** DL4J's step (parameters minus the update), skipped for a step whose update the updater already applied. */
    static final class SkippableStep extends NegativeGradientStepFunction {
        boolean installed;
        boolean skipNext;

        @Override
        public void step(INDArray x, INDArray line) {
            if (skipNext) {
                skipNext = false;
                return;
            }
            super.step(x, line);
        }
    }
}
