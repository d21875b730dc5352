package org.perceptrix.train;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct access to the float matrices of ND4J for the fast layers: one BLAS {@code sgemm} call straight into the
 * OpenBLAS that ND4J itself loads (no op object, shape buffer or validation per call), and bulk copies between a
 * matrix's native buffer and Java arrays, which the JIT vectorises. Only float, rank-2 matrices laid out as one
 * dense run of values in row-major ('c') or column-major ('f') order are handled; {@link #supported} tells.
 */
final class NativeMatrix {
    private NativeMatrix() {
    }

    /** Float, rank 2 and dense in 'c' or 'f' order. */
    static boolean supported(INDArray a) {
        return a != null && a.dataType() == DataType.FLOAT && a.rank() == 2 && (rowMajor(a) || columnMajor(a));
    }

    /** Dense row-major: element (i, j) at {@code i * columns + j}. */
    static boolean rowMajor(INDArray a) {
        long rows = a.size(0);
        long cols = a.size(1);
        long[] s = a.stride();
        return (cols == 1 || s[1] == 1) && (rows == 1 || s[0] == cols);
    }

    /**
     * Any rank: the values are one dense run in row-major order (element {@code [i, j, …]} at the usual 'c' offset),
     * whatever strides the dimensions of size 1 carry.
     */
    static boolean denseRowMajor(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    private static boolean columnMajor(INDArray a) {
        long rows = a.size(0);
        long cols = a.size(1);
        long[] s = a.stride();
        return (rows == 1 || s[0] == 1) && (cols == 1 || s[1] == rows);
    }

    /**
     * {@code c = op(a) · op(b) + beta · c}, where {@code op(x)} is {@code x} or its transpose. All three must be
     * {@link #supported}; {@code c} may be a view (a layer's gradient within the network's flat gradient array).
     */
    static void gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c, float beta) {
        gemm(a, transposeA, b, transposeB, c, beta, false);
    }

    /**
     * {@link #gemm(INDArray, boolean, INDArray, boolean, INDArray, float)} on oneDNN's own matrix product (its OpenMP
     * threads) when {@code oneDnn} and oneDNN is {@link OneDnn#available}, else on OpenBLAS. In a network whose
     * convolutions train on oneDNN ({@link OneDnnConvPool}) its threads are awake anyway and two of them beat one
     * BLAS thread; in an MLP, where they would have to be woken for each product, they do not (docs/performance.md).
     */
    static void gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c, float beta,
            boolean oneDnn) {
        long m = c.size(0);
        long n = c.size(1);
        long k = transposeA ? a.size(0) : a.size(1);
        if ((transposeA ? a.size(1) : a.size(0)) != m || (transposeB ? b.size(1) : b.size(0)) != k
                || (transposeB ? b.size(0) : b.size(1)) != n) {
            throw new IllegalArgumentException("gemm shapes do not agree: " + shape(a) + (transposeA ? "ᵀ" : "") + " · "
                    + shape(b) + (transposeB ? "ᵀ" : "") + " → " + shape(c));
        }
        if (rowMajor(c)) {
            call(a, transposeA, b, transposeB, c, (int) m, (int) n, (int) k, beta, (int) Math.max(1, n), oneDnn);
        } else {
            // a column-major c is the row-major cᵀ = op(b)ᵀ · op(a)ᵀ
            call(b, !transposeB, a, !transposeA, c, (int) n, (int) m, (int) k, beta, (int) Math.max(1, m), oneDnn);
        }
    }

    private static void call(INDArray a, boolean ta, INDArray b, boolean tb, INDArray c, int m, int n, int k, float beta,
            int ldc, boolean oneDnn) {
        boolean aRow = rowMajor(a);
        boolean bRow = rowMajor(b);
        // a column-major operand is the row-major transpose of itself
        int transA = (ta != !aRow) ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int transB = (tb != !bRow) ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int lda = (int) Math.max(1, aRow ? a.size(1) : a.size(0));
        int ldb = (int) Math.max(1, bRow ? b.size(1) : b.size(0));
        if (oneDnn && OneDnn.available()) {
            OneDnn.sgemm(transA == openblas_nolapack.CblasTrans, transB == openblas_nolapack.CblasTrans, m, n, k,
                    pointer(a), lda, pointer(b), ldb, beta, pointer(c), ldc);
            return;
        }
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, transA, transB, m, n, k, 1f, pointer(a), lda,
                pointer(b), ldb, beta, pointer(c), ldc);
    }

    private static FloatPointer pointer(INDArray a) {
        // the data buffer's address already includes the view's offset (ND4J's own BLAS calls use it the same way)
        return new FloatPointer(a.data().addressPointer());
    }

    /** The values of a row-major matrix (or any dense vector), in order, into {@code to}. */
    static void read(INDArray a, float[] to, int length) {
        read(a, to, 0, length);
    }

    /** The same into {@code to} from index {@code at} on. */
    static void read(INDArray a, float[] to, int at, int length) {
        buffer(a).get((int) a.offset(), to, at, length);
    }

    /** {@code from}'s first {@code length} values into a row-major matrix (or dense vector), in order. */
    static void write(float[] from, INDArray a, int length) {
        write(from, 0, a, length);
    }

    /** The same from {@code from}'s index {@code at} on. */
    static void write(float[] from, int at, INDArray a, int length) {
        buffer(a).put((int) a.offset(), from, at, length);
    }

    private static FloatBuffer buffer(INDArray a) {
        return a.data().asNioFloat();
    }

    /** {@code array} if it holds at least {@code length} values, else a new one that does. */
    static float[] atLeast(float[] array, int length) {
        return array != null && array.length >= length ? array : new float[length];
    }

    private static String shape(INDArray a) {
        return a.size(0) + "×" + a.size(1);
    }
}
