package org.perceptrix.train;

import java.util.Map;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of a dense product {@code z = x·W + b} once its gradient δ = ∂L/∂z is known, shared by
 * {@link FastDenseLayer} and {@link FastSoftmaxOutputLayer}: the bias and weight gradients straight into DL4J's
 * gradient views, and the input gradient {@code δ·Wᵀ} unless nothing uses it.
 */
final class DenseGradients {
    private DenseGradients() {
    }

    /**
     * Writes {@code biasSums} (δ summed over the batch) to the view {@code "b"} and {@code xᵀ·δ} to the view
     * {@code "W"}; returns {@code δ·Wᵀ} as an activation gradient (before any dropout), or null when
     * {@code inputGradientUnused}.
     */
    static INDArray backward(INDArray input, INDArray delta, float[] biasSums, INDArray w,
            Map<String, INDArray> gradientViews, boolean inputGradientUnused, boolean oneDnnGemm,
            LayerWorkspaceMgr workspaceMgr) {
        NativeMatrix.write(biasSums, gradientViews.get("b"), (int) delta.size(1));
        NativeMatrix.gemm(input, true, delta, false, gradientViews.get("W"), 0f, oneDnnGemm);
        if (inputGradientUnused) return null;
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {delta.size(0), w.size(0)}, 'c');
        NativeMatrix.gemm(delta, false, w, true, epsilonNext, 0f, oneDnnGemm);
        return epsilonNext;
    }
}
