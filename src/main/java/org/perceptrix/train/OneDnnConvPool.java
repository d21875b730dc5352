package org.perceptrix.train;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.lang.ref.Cleaner;
import java.util.Arrays;

import org.bytedeco.dnnl.dnnl_batch_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_v2_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training step of a convolution with ReLU followed by max pooling with non-overlapping windows, on oneDNN's
 * primitives called directly ({@link OneDnn}), for {@link FastConvolutionLayer} and {@link FastMaxPoolLayer}.
 * <p>
 * DL4J's oneDNN helper makes its primitives anew on every call and moves every array between ND4J's plain layout
 * and oneDNN's blocked one on the way in and out of each call: a LeNet step spent about as long in these reorders as
 * in its second convolution, ran each pooling's forward pass twice (once more in the backward pass, to find the
 * largest values again), and computed the first convolution's weight gradient the slow way (docs/performance.md).
 * Here the primitives are made once per batch shape, the convolution applies its ReLU as a post-op, and the
 * convolution's output, the pooling's output and its record of where each maximum was (oneDNN's workspace) stay in
 * oneDNN's layout from the forward pass to the backward pass. Only the layer boundaries are reordered: the input,
 * the weights, the pooled output, the gradient coming back and the gradients going out.
 * <p>
 * The convolution's own output array is filled too (plain NCHW), so anything reading it sees DL4J's values. The
 * backward pass hands the convolution its output gradient inside oneDNN, not as an array.
 */
final class OneDnnConvPool {
    private static final Cleaner CLEANER = Cleaner.create();

    private final int channels;
    private final int filters;
    private final int kernelHeight;
    private final int kernelWidth;
    private final int[] stride;
    private final int[] padding;
    private final int poolHeight;
    private final int poolWidth;
    private final boolean inputGradient;
    /** Batch normalisation between the ReLU and the pooling: its epsilon, or NaN for none. */
    private final float batchNormEps;
    /** Its scale and shift and their gradients, DL4J's arrays (F values each). */
    private INDArray gamma, beta, gammaGrad, betaGrad;
    private float[] scaleShift;
    private Plan plan;
    private Cleaner.Cleanable cleanable;
    /**
     * The unit whose pooled output this convolution reads directly (set by {@link FastLayers} when that pooling feeds
     * only this convolution), or null. Then the pooled output and the gradient coming back stay in oneDNN's layout
     * between the two units: four reorders a LeNet step fewer.
     */
    OneDnnConvPool upstream;
    /** How many forward passes read the upstream unit's pooled output directly (for tests). */
    int chainedSteps;

    /**
     * A convolution of {@code channels} → {@code filters} with the given kernel, stride and (top, left) padding, ReLU,
     * then max pooling over {@code poolHeight × poolWidth} windows with the same stride; {@code inputGradient} says
     * whether the backward pass must produce the gradient at the convolution's input.
     */
    OneDnnConvPool(int channels, int filters, int[] kernel, int[] stride, int[] padding, int[] pool, boolean inputGradient) {
        this(channels, filters, kernel, stride, padding, pool, inputGradient, Float.NaN);
    }

    /**
     * The same with batch normalisation (training mode: the batch's own mean and variance, {@code eps} added to the
     * variance, learned scale and shift) between the ReLU and the pooling, as DL4J's {@code BatchNormalization}.
     */
    OneDnnConvPool(int channels, int filters, int[] kernel, int[] stride, int[] padding, int[] pool, boolean inputGradient,
            float batchNormEps) {
        this.channels = channels;
        this.filters = filters;
        this.kernelHeight = kernel[0];
        this.kernelWidth = kernel[1];
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.poolHeight = pool[0];
        this.poolWidth = pool[1];
        this.inputGradient = inputGradient;
        this.batchNormEps = batchNormEps;
    }

    /** Whether a batch normalisation runs between the ReLU and the pooling. */
    boolean batchNorm() {
        return !Float.isNaN(batchNormEps);
    }

    /**
     * For a unit with {@link #batchNorm}: its scale and shift (F values each, dense) for the next {@link #forward}, and
     * where the backward pass writes their gradients.
     */
    void batchNormArrays(INDArray gamma, INDArray beta, INDArray gammaGrad, INDArray betaGrad) {
        this.gamma = gamma;
        this.beta = beta;
        this.gammaGrad = gammaGrad;
        this.betaGrad = betaGrad;
    }

    /** The last {@link #forward}'s batch mean and (biased) variance per channel, for a unit with {@link #batchNorm}. */
    void batchStatistics(float[] mean, float[] variance) {
        new org.bytedeco.javacpp.FloatPointer(OneDnn.handle(plan.mean)).get(mean, 0, filters);
        new org.bytedeco.javacpp.FloatPointer(OneDnn.handle(plan.variance)).get(variance, 0, filters);
    }

    /** The convolution's output height and width for an input of {@code h × w}, as DL4J's truncating mode gives. */
    long[] convolutionOutput(long n, long h, long w) {
        long oh = (h + 2L * padding[0] - kernelHeight) / stride[0] + 1;
        long ow = (w + 2L * padding[1] - kernelWidth) / stride[1] + 1;
        return new long[] {n, filters, oh, ow};
    }

    /** Whether this input shape [N, C, H, W] can be handled: whole pooling windows, positive sizes. */
    boolean handles(long[] inputShape) {
        if (inputShape.length != 4 || inputShape[1] != channels) return false;
        long[] out = convolutionOutput(inputShape[0], inputShape[2], inputShape[3]);
        return out[2] >= poolHeight && out[3] >= poolWidth && out[2] % poolHeight == 0 && out[3] % poolWidth == 0
                && Arrays.stream(inputShape).allMatch(d -> d > 0 && d < Integer.MAX_VALUE);
    }

    long[] pooledShape(long[] inputShape) {
        long[] out = convolutionOutput(inputShape[0], inputShape[2], inputShape[3]);
        return new long[] {out[0], out[1], out[2] / poolHeight, out[3] / poolWidth};
    }

    /**
     * Convolution + bias + ReLU and max pooling into {@code pooled}; all arrays dense row-major floats
     * ({@code weights} [F, C, kH, kW], {@code bias} F values). Keeps what the backward pass needs. The convolution's
     * own output [N, F, OH, OW] stays in oneDNN's layout: only the pooling reads it; {@link #convolutionOutput(INDArray)}
     * writes it out where something else needs it.
     */
    void forward(INDArray input, INDArray weights, INDArray bias, INDArray pooled) {
        forward(input, weights, bias, pooled, null, null, null, null);
    }

    /**
     * {@link #forward(INDArray, INDArray, INDArray, INDArray)} for a unit with {@link #batchNorm}: its scale and shift
     * (F values each, dense) and where the backward pass writes their gradients.
     */
    void forward(INDArray input, INDArray weights, INDArray bias, INDArray pooled, INDArray gamma, INDArray beta,
            INDArray gammaGrad, INDArray betaGrad) {
        Plan p = plan(input.shape());
        if (batchNorm()) batchNormArrays(gamma, beta, gammaGrad, betaGrad);
        OneDnn.point(p.srcUser, input);
        OneDnn.point(p.weightsUser, weights);
        OneDnn.point(p.bias, bias);
        OneDnn.point(p.pooledUser, pooled);
        Plan up = chainedFrom(p, input);
        p.chained = up != null;
        if (p.chained) {
            chainedSteps++;
            OneDnn.handle(p.srcBlocked, OneDnn.handle(up.pooledMem)); // the upstream pooling's own output
        } else {
            if (p.srcBlocked != null) OneDnn.handle(p.srcBlocked, p.srcBlockedOwn);
            if (upstream != null) upstream.pooledOutputInto(input);
            p.srcForConv.run();
        }
        p.weightsForConv.run();
        OneDnn.execute(p.conv, p.convArgs, 4);
        if (p.batchNorm != null) {
            // oneDNN takes scale and shift as one [2, F] array
            scaleShift = NativeMatrix.atLeast(scaleShift, 2 * filters);
            NativeMatrix.read(gamma, scaleShift, 0, filters);
            NativeMatrix.read(beta, scaleShift, filters, filters);
            new org.bytedeco.javacpp.FloatPointer(OneDnn.handle(p.scaleShift)).put(scaleShift, 0, 2 * filters);
            OneDnn.execute(p.batchNorm, p.batchNormArgs, 5);
        }
        OneDnn.execute(p.pool, p.poolArgs, 3);
        p.pooledArray = pooled;
        p.pooledWritten = !p.downstreamChains;
        if (p.pooledWritten) OneDnn.execute(p.pooledReorder, p.pooledReorderArgs, 2);
    }

    /**
     * The upstream unit's plan when this step's {@code input} is its pooled output, in the layout this convolution
     * reads, for the same batch; else null. Tells that plan, the first time, that its plain output is not needed.
     */
    private Plan chainedFrom(Plan p, INDArray input) {
        Plan up = upstream == null ? null : upstream.plan;
        if (up == null || up.pooledArray != input || p.srcBlocked == null || !OneDnn.same(up.pooledMd, p.convSrcMd)) {
            return null;
        }
        up.downstreamChains = true;
        return up;
    }

    /**
     * Writes the last forward pass's pooled output into {@code array} if it was left in oneDNN's layout only (the
     * downstream convolution reads that) and {@code array} is the array that forward pass returned: for a
     * downstream layer that cannot read it directly after all.
     */
    void pooledOutputInto(INDArray array) {
        Plan p = plan;
        if (p == null || p.pooledWritten || array != p.pooledArray) return;
        OneDnn.execute(p.pooledReorder, p.pooledReorderArgs, 2);
        p.pooledWritten = true;
    }

    /**
     * Writes the gradient the downstream unit left in oneDNN's layout ({@link #backwardConvolution} of a chained
     * step) into {@code array}, the plain gradient at the pooled output, for a pooling that falls back to DL4J's.
     */
    void pooledGradientInto(INDArray array) {
        Plan p = plan;
        if (p == null || !p.gradientReady || !Arrays.equals(array.shape(), p.pooledArray.shape())) return;
        OneDnn.point(p.pooledGradOut, array);
        OneDnn.execute(p.pooledGradOutReorder, p.pooledGradOutReorderArgs, 2);
        p.gradientReady = false;
    }

    /** The last {@link #forward}'s convolution output (after ReLU) into {@code out} [N, F, OH, OW], dense row-major. */
    void convolutionOutput(INDArray out) {
        Plan p = plan;
        OneDnn.point(p.convOutUser, out);
        OneDnn.execute(p.convOutReorder, p.convOutReorderArgs, 2);
    }

    /**
     * The first half of the backward pass, for the pooling layer: the gradient at the pooled output through the
     * pooling and ReLU, kept inside oneDNN for {@link #backwardConvolution}. Needs the {@link #forward} of the same
     * step just before. {@code pooledGrad} is read now, so it may be reused as soon as this returns.
     */
    void backwardPooling(INDArray pooledGrad) {
        Plan p = plan;
        if (p.gradientReady) {
            p.gradientReady = false; // the downstream convolution wrote it in place, in this layout
        } else {
            OneDnn.point(p.pooledGradUser, pooledGrad);
            OneDnn.execute(p.pooledGradReorder, p.pooledGradReorderArgs, 2);
        }
        OneDnn.execute(p.poolBackward, p.poolBackwardArgs, 3);
        if (p.batchNormBackward != null) {
            OneDnn.execute(p.batchNormBackward, p.batchNormBackwardArgs, 7);
            scaleShift = NativeMatrix.atLeast(scaleShift, 2 * filters);
            new org.bytedeco.javacpp.FloatPointer(OneDnn.handle(p.diffScaleShift)).get(scaleShift, 0, 2 * filters);
            NativeMatrix.write(scaleShift, 0, gammaGrad, filters);
            NativeMatrix.write(scaleShift, filters, betaGrad, filters);
        }
        OneDnn.execute(p.reluBackward, p.reluBackwardArgs, 3);
    }

    /**
     * The second half, for the convolution layer: weight and bias gradients into {@code weightGrad} and
     * {@code biasGrad} (overwritten), for the forward pass's {@code input}, and, when this unit was made with
     * {@code inputGradient}, the gradient at the convolution's input into {@code inputGrad}.
     */
    void backwardConvolution(INDArray input, INDArray weightGrad, INDArray biasGrad, INDArray inputGrad) {
        Plan p = plan;
        OneDnn.point(p.weightGradUser, weightGrad);
        OneDnn.point(p.biasGrad, biasGrad);
        OneDnn.point(p.srcUser, input);
        if (p.chained && p.srcForWeights.reorder() != null) upstream.pooledOutputInto(input); // reorders from plain
        p.srcForWeights.run();
        p.diffDstForWeights.run();
        OneDnn.execute(p.weightsBackward, p.weightsBackwardArgs, 4);
        OneDnn.execute(p.weightGradReorder, p.weightGradReorderArgs, 2);
        if (inputGradient) {
            p.weightsForData.run();
            p.diffDstForData.run();
            Plan up = p.chained ? upstream.plan : null;
            if (up != null && up.pooledArray != null && OneDnn.same(p.inputGradMd, up.pooledMd)) {
                // straight into the upstream pooling's gradient buffer; inputGrad is left as it is
                OneDnn.handle(p.inputGradBlocked, OneDnn.handle(up.pooledGradMem));
                OneDnn.execute(p.dataBackward, p.dataBackwardArgs, 3);
                up.gradientReady = true;
            } else {
                OneDnn.handle(p.inputGradBlocked, p.inputGradBlockedOwn);
                OneDnn.point(p.inputGradUser, inputGrad);
                OneDnn.execute(p.dataBackward, p.dataBackwardArgs, 3);
                OneDnn.execute(p.inputGradReorder, p.inputGradReorderArgs, 2);
            }
        }
    }

    /**
     * Frees the primitives and buffers now (a training run has ended; prediction does not use them). A later
     * {@link #forward} makes them again.
     */
    void release() {
        if (cleanable != null) cleanable.clean();
        cleanable = null;
        plan = null;
    }

    private Plan plan(long[] inputShape) {
        if (plan != null && Arrays.equals(plan.inputShape, inputShape)) return plan;
        if (cleanable != null) cleanable.clean(); // a new batch size (the last batch of an epoch, typically)
        plan = null;
        OneDnn.Owner owner = new OneDnn.Owner();
        try {
            Plan p = new Plan(inputShape, owner);
            cleanable = CLEANER.register(this, owner::close);
            plan = p;
            return p;
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /** Every primitive and memory for one input shape. */
    private final class Plan {
        final long[] inputShape;
        /** The convolution's source in its own layout (null when that is the plain one) and that memory's own buffer. */
        final dnnl_memory srcBlocked;
        final org.bytedeco.javacpp.Pointer srcBlockedOwn;
        final dnnl_memory_desc_t convSrcMd;
        /** The pooled output and its gradient in oneDNN's layout, for a chained downstream unit. */
        final dnnl_memory pooledMem, pooledGradMem;
        final dnnl_memory_desc_t pooledMd;
        final dnnl_memory pooledGradOut;
        final dnnl_primitive pooledGradOutReorder;
        final dnnl_exec_arg_t pooledGradOutReorderArgs;
        /** The input gradient in oneDNN's layout and that memory's own buffer (inputGradient only). */
        final dnnl_memory inputGradBlocked;
        final org.bytedeco.javacpp.Pointer inputGradBlockedOwn;
        final dnnl_memory_desc_t inputGradMd;
        /** Batch normalisation (null without): its primitives, statistics, scale/shift and their gradients. */
        final dnnl_primitive batchNorm, batchNormBackward;
        final dnnl_exec_arg_t batchNormArgs, batchNormBackwardArgs;
        final dnnl_memory mean, variance, scaleShift, diffScaleShift;
        /** This step read the upstream unit's pooled output directly. */
        boolean chained;
        /** The array the last forward pass returned as the pooled output, and whether its values were written. */
        INDArray pooledArray;
        boolean pooledWritten;
        /** A downstream unit reads the pooled output directly: the plain copy is written only on request. */
        boolean downstreamChains;
        /** A chained downstream unit wrote this step's gradient at the pooled output into pooledGradMem. */
        boolean gradientReady;
        final dnnl_memory srcUser, weightsUser, bias, convOutUser, pooledUser;
        final OneDnn.Reordered srcForConv, weightsForConv;
        final dnnl_primitive conv, convOutReorder, pool, pooledReorder;
        final dnnl_exec_arg_t convArgs, convOutReorderArgs, poolArgs, pooledReorderArgs;
        final dnnl_memory pooledGradUser, weightGradUser, biasGrad, inputGradUser;
        final OneDnn.Reordered srcForWeights, diffDstForWeights, weightsForData, diffDstForData;
        final dnnl_primitive pooledGradReorder, poolBackward, reluBackward, weightsBackward, weightGradReorder,
                dataBackward, inputGradReorder;
        final dnnl_exec_arg_t pooledGradReorderArgs, poolBackwardArgs, reluBackwardArgs, weightsBackwardArgs,
                weightGradReorderArgs, dataBackwardArgs, inputGradReorderArgs;

        Plan(long[] inputShape, OneDnn.Owner o) {
            this.inputShape = inputShape.clone();
            long n = inputShape[0];
            long[] srcDims = inputShape.clone();
            long[] weightDims = {filters, channels, kernelHeight, kernelWidth};
            long[] biasDims = {filters};
            long[] convDims = convolutionOutput(n, inputShape[2], inputShape[3]);
            long[] poolDims = pooledShape(inputShape);
            long[] strides = {stride[0], stride[1]};
            long[] padLeft = {padding[0], padding[1]};
            // DL4J's truncating mode drops what does not fit; oneDNN wants the right padding that makes the sizes agree
            long[] padRight = {(convDims[2] - 1) * stride[0] + kernelHeight - inputShape[2] - padding[0],
                    (convDims[3] - 1) * stride[1] + kernelWidth - inputShape[3] - padding[1]};
            long[] window = {poolHeight, poolWidth};
            long[] none = {0, 0};

            dnnl_memory_desc_t srcPlain = OneDnn.md(srcDims, dnnl_nchw);
            dnnl_memory_desc_t weightsPlain = OneDnn.md(weightDims, dnnl_oihw);
            dnnl_memory_desc_t biasMd = OneDnn.md(biasDims, dnnl_x);
            dnnl_memory_desc_t convPlain = OneDnn.md(convDims, dnnl_nchw);
            dnnl_memory_desc_t poolPlain = OneDnn.md(poolDims, dnnl_nchw);

            // forward: convolution with bias and ReLU as a post-op
            dnnl_convolution_desc_t convDesc = new dnnl_convolution_desc_t();
            OneDnn.check(dnnl_convolution_forward_desc_init(convDesc, dnnl_forward_training, dnnl_convolution_direct,
                    OneDnn.md(srcDims, dnnl_format_tag_any), OneDnn.md(weightDims, dnnl_format_tag_any), biasMd,
                    OneDnn.md(convDims, dnnl_format_tag_any), strides, padLeft, padRight), "describing the convolution");
            dnnl_post_ops ops = new dnnl_post_ops();
            OneDnn.check(dnnl_post_ops_create(ops), "creating post-ops");
            OneDnn.check(dnnl_post_ops_append_eltwise(ops, 1f, dnnl_eltwise_relu, 0f, 0f), "adding ReLU");
            dnnl_primitive_attr attr = new dnnl_primitive_attr();
            OneDnn.check(dnnl_primitive_attr_create(attr), "creating attributes");
            OneDnn.check(dnnl_primitive_attr_set_post_ops(attr, ops), "setting post-ops");
            dnnl_primitive_desc convPd;
            try {
                convPd = o.descriptor(convDesc, attr, null, "the convolution");
            } finally {
                dnnl_primitive_attr_destroy(attr);
                dnnl_post_ops_destroy(ops);
            }
            dnnl_memory_desc_t convSrc = dnnl_primitive_desc_query_md(convPd, dnnl_query_src_md, 0);
            dnnl_memory_desc_t convWeights = dnnl_primitive_desc_query_md(convPd, dnnl_query_weights_md, 0);
            dnnl_memory_desc_t convDst = dnnl_primitive_desc_query_md(convPd, dnnl_query_dst_md, 0);

            srcUser = o.user(srcPlain);
            srcForConv = OneDnn.Reordered.of(o, srcUser, srcPlain, convSrc);
            dnnl_memory src = srcForConv.memory();
            convSrcMd = convSrc;
            srcBlocked = srcForConv.reorder() == null ? null : src;
            srcBlockedOwn = srcBlocked == null ? null : OneDnn.handle(srcBlocked);
            weightsUser = o.user(weightsPlain);
            weightsForConv = OneDnn.Reordered.of(o, weightsUser, weightsPlain, convWeights);
            dnnl_memory weightsMem = weightsForConv.memory();
            bias = o.user(biasMd);
            dnnl_memory dst = o.allocated(convDst);
            conv = o.primitive(convPd);
            convArgs = OneDnn.args(DNNL_ARG_SRC, src, DNNL_ARG_WEIGHTS, weightsMem, DNNL_ARG_BIAS, bias, DNNL_ARG_DST, dst);
            convOutUser = o.user(convPlain);
            convOutReorder = o.primitive(o.reorderDescriptor(convDst, convPlain));
            convOutReorderArgs = OneDnn.args(DNNL_ARG_FROM, dst, DNNL_ARG_TO, convOutUser);

            // forward: batch normalisation, where there is one, in the convolution's layout
            dnnl_memory poolSrc = dst;
            dnnl_memory_desc_t poolSrcMd = convDst;
            dnnl_memory bnDiffDst = null;
            if (batchNorm()) {
                dnnl_memory_desc_t stats = OneDnn.md(biasDims, dnnl_x);
                int flags = dnnl_use_scaleshift;
                dnnl_memory_desc_t pair = OneDnn.md(new long[] {2, filters}, dnnl_nc);
                dnnl_batch_normalization_desc_t bnDesc = new dnnl_batch_normalization_desc_t();
                OneDnn.check(dnnl_batch_normalization_forward_desc_init(bnDesc, dnnl_forward_training, convDst,
                        batchNormEps, flags), "describing the batch normalisation");
                dnnl_primitive_desc bnPd = o.descriptor(bnDesc, null, null, "the batch normalisation");
                poolSrcMd = dnnl_primitive_desc_query_md(bnPd, dnnl_query_dst_md, 0);
                poolSrc = o.allocated(poolSrcMd);
                mean = o.allocated(stats);
                variance = o.allocated(stats);
                scaleShift = o.allocated(pair);
                diffScaleShift = o.allocated(pair);
                batchNorm = o.primitive(bnPd);
                batchNormArgs = OneDnn.args(DNNL_ARG_SRC, dst, DNNL_ARG_DST, poolSrc, DNNL_ARG_MEAN, mean,
                        DNNL_ARG_VARIANCE, variance, DNNL_ARG_SCALE_SHIFT, scaleShift);
                dnnl_batch_normalization_desc_t bnBackDesc = new dnnl_batch_normalization_desc_t();
                OneDnn.check(dnnl_batch_normalization_backward_desc_init(bnBackDesc, dnnl_backward, poolSrcMd, convDst,
                        batchNormEps, flags), "describing the batch normalisation's backward pass");
                dnnl_primitive_desc bnBackPd = o.descriptor(bnBackDesc, null, bnPd, "the batch normalisation's backward pass");
                bnDiffDst = o.allocated(poolSrcMd);
                batchNormBackward = o.primitive(bnBackPd);
            } else {
                mean = variance = scaleShift = diffScaleShift = null;
                batchNorm = batchNormBackward = null;
                batchNormArgs = null;
            }

            // forward: max pooling on the convolution's own layout, keeping where each maximum was (the workspace)
            dnnl_pooling_v2_desc_t poolDesc = new dnnl_pooling_v2_desc_t();
            OneDnn.check(dnnl_pooling_v2_forward_desc_init(poolDesc, dnnl_forward_training, dnnl_pooling_max, poolSrcMd,
                    OneDnn.md(poolDims, dnnl_format_tag_any), window, window, none, none, none), "describing the pooling");
            dnnl_primitive_desc poolPd = o.descriptor(poolDesc, null, null, "the pooling");
            dnnl_memory_desc_t poolDst = dnnl_primitive_desc_query_md(poolPd, dnnl_query_dst_md, 0);
            pooledMd = poolDst;
            pooledMem = o.allocated(poolDst);
            dnnl_memory workspace = o.allocated(dnnl_primitive_desc_query_md(poolPd, dnnl_query_workspace_md, 0));
            pool = o.primitive(poolPd);
            poolArgs = OneDnn.args(DNNL_ARG_SRC, poolSrc, DNNL_ARG_DST, pooledMem, DNNL_ARG_WORKSPACE, workspace);
            pooledUser = o.user(poolPlain);
            pooledReorder = o.primitive(o.reorderDescriptor(poolDst, poolPlain));
            pooledReorderArgs = OneDnn.args(DNNL_ARG_FROM, pooledMem, DNNL_ARG_TO, pooledUser);

            // backward: the gradient at the pooled output into the pooling's layout, then pooling's backward pass
            pooledGradUser = o.user(poolPlain);
            dnnl_memory pooledGrad = o.allocated(poolDst);
            pooledGradMem = pooledGrad;
            pooledGradReorder = o.primitive(o.reorderDescriptor(poolPlain, poolDst));
            pooledGradReorderArgs = OneDnn.args(DNNL_ARG_FROM, pooledGradUser, DNNL_ARG_TO, pooledGrad);
            pooledGradOut = o.user(poolPlain);
            pooledGradOutReorder = o.primitive(o.reorderDescriptor(poolDst, poolPlain));
            pooledGradOutReorderArgs = OneDnn.args(DNNL_ARG_FROM, pooledGrad, DNNL_ARG_TO, pooledGradOut);
            dnnl_pooling_v2_desc_t poolBackDesc = new dnnl_pooling_v2_desc_t();
            OneDnn.check(dnnl_pooling_v2_backward_desc_init(poolBackDesc, dnnl_pooling_max, poolSrcMd, poolDst, window,
                    window, none, none, none), "describing the pooling's backward pass");
            dnnl_primitive_desc poolBackPd = o.descriptor(poolBackDesc, null, poolPd, "the pooling's backward pass");
            dnnl_memory diffDst = o.allocated(convDst);
            poolBackward = o.primitive(poolBackPd);
            poolBackwardArgs = OneDnn.args(DNNL_ARG_DIFF_DST, pooledGrad, DNNL_ARG_WORKSPACE, workspace,
                    DNNL_ARG_DIFF_SRC, batchNorm() ? bnDiffDst : diffDst);
            // batch normalisation's backward pass: from the gradient at its output to the gradient at the ReLU's
            batchNormBackwardArgs = !batchNorm() ? null : OneDnn.args(DNNL_ARG_SRC, dst, DNNL_ARG_MEAN, mean,
                    DNNL_ARG_VARIANCE, variance, DNNL_ARG_DIFF_DST, bnDiffDst, DNNL_ARG_SCALE_SHIFT, scaleShift,
                    DNNL_ARG_DIFF_SRC, diffDst, DNNL_ARG_DIFF_SCALE_SHIFT, diffScaleShift);

            // ReLU's derivative from the convolution's output, in place
            dnnl_eltwise_desc_t reluDesc = new dnnl_eltwise_desc_t();
            OneDnn.check(dnnl_eltwise_forward_desc_init(reluDesc, dnnl_forward_training, dnnl_eltwise_relu_use_dst_for_bwd,
                    convDst, 0f, 0f), "describing ReLU");
            dnnl_primitive_desc reluHint = o.descriptor(reluDesc, null, null, "ReLU");
            dnnl_eltwise_desc_t reluBackDesc = new dnnl_eltwise_desc_t();
            OneDnn.check(dnnl_eltwise_backward_desc_init(reluBackDesc, dnnl_eltwise_relu_use_dst_for_bwd, convDst, convDst,
                    0f, 0f), "describing ReLU's backward pass");
            reluBackward = o.primitive(o.descriptor(reluBackDesc, null, reluHint, "ReLU's backward pass"));
            reluBackwardArgs = OneDnn.args(DNNL_ARG_DST, dst, DNNL_ARG_DIFF_DST, diffDst, DNNL_ARG_DIFF_SRC, diffDst);

            // weight and bias gradients
            dnnl_convolution_desc_t weightsDesc = new dnnl_convolution_desc_t();
            OneDnn.check(dnnl_convolution_backward_weights_desc_init(weightsDesc, dnnl_convolution_direct,
                    OneDnn.md(srcDims, dnnl_format_tag_any),
                    OneDnn.md(weightDims, dnnl_format_tag_any), biasMd, OneDnn.md(convDims, dnnl_format_tag_any), strides,
                    padLeft, padRight), "describing the weight gradient");
            dnnl_primitive_desc weightsPd = o.descriptor(weightsDesc, null, convPd, "the weight gradient");
            dnnl_memory_desc_t weightsDiffDst = dnnl_primitive_desc_query_md(weightsPd, dnnl_query_diff_dst_md, 0);
            dnnl_memory_desc_t weightsDiff = dnnl_primitive_desc_query_md(weightsPd, dnnl_query_diff_weights_md, 0);
            dnnl_memory_desc_t weightsSrc = dnnl_primitive_desc_query_md(weightsPd, dnnl_query_src_md, 0);
            // the forward pass's source again where this pass wants another layout (from the plain input)
            srcForWeights = OneDnn.Reordered.reusing(o, src, convSrc, srcUser, srcPlain, weightsSrc);
            diffDstForWeights = OneDnn.Reordered.of(o, diffDst, convDst, weightsDiffDst);
            dnnl_memory weightGrad = o.allocated(weightsDiff);
            biasGrad = o.user(biasMd);
            weightsBackward = o.primitive(weightsPd);
            weightsBackwardArgs = OneDnn.args(DNNL_ARG_SRC, srcForWeights.memory(), DNNL_ARG_DIFF_DST, diffDstForWeights.memory(),
                    DNNL_ARG_DIFF_WEIGHTS, weightGrad, DNNL_ARG_DIFF_BIAS, biasGrad);
            weightGradUser = o.user(weightsPlain);
            weightGradReorder = o.primitive(o.reorderDescriptor(weightsDiff, weightsPlain));
            weightGradReorderArgs = OneDnn.args(DNNL_ARG_FROM, weightGrad, DNNL_ARG_TO, weightGradUser);

            // the gradient at the input, where something reads it
            if (inputGradient) {
                dnnl_convolution_desc_t dataDesc = new dnnl_convolution_desc_t();
                OneDnn.check(dnnl_convolution_backward_data_desc_init(dataDesc, dnnl_convolution_direct,
                        OneDnn.md(srcDims, dnnl_format_tag_any), OneDnn.md(weightDims, dnnl_format_tag_any),
                        OneDnn.md(convDims, dnnl_format_tag_any), strides, padLeft, padRight), "describing the input gradient");
                dnnl_primitive_desc dataPd = o.descriptor(dataDesc, null, convPd, "the input gradient");
                dnnl_memory_desc_t dataWeights = dnnl_primitive_desc_query_md(dataPd, dnnl_query_weights_md, 0);
                dnnl_memory_desc_t dataDiffDst = dnnl_primitive_desc_query_md(dataPd, dnnl_query_diff_dst_md, 0);
                dnnl_memory_desc_t dataDiffSrc = dnnl_primitive_desc_query_md(dataPd, dnnl_query_diff_src_md, 0);
                weightsForData = OneDnn.Reordered.reusing(o, weightsMem, convWeights, weightsUser, weightsPlain, dataWeights);
                diffDstForData = OneDnn.Reordered.of(o, diffDst, convDst, dataDiffDst);
                dnnl_memory inputGrad = o.allocated(dataDiffSrc);
                inputGradMd = dataDiffSrc;
                inputGradBlocked = inputGrad;
                inputGradBlockedOwn = OneDnn.handle(inputGrad);
                dataBackward = o.primitive(dataPd);
                dataBackwardArgs = OneDnn.args(DNNL_ARG_DIFF_DST, diffDstForData.memory(), DNNL_ARG_WEIGHTS, weightsForData.memory(),
                        DNNL_ARG_DIFF_SRC, inputGrad);
                inputGradUser = o.user(srcPlain);
                inputGradReorder = o.primitive(o.reorderDescriptor(dataDiffSrc, srcPlain));
                inputGradReorderArgs = OneDnn.args(DNNL_ARG_FROM, inputGrad, DNNL_ARG_TO, inputGradUser);
            } else {
                weightsForData = diffDstForData = null;
                dataBackward = inputGradReorder = null;
                dataBackwardArgs = inputGradReorderArgs = null;
                inputGradUser = null;
                inputGradMd = null;
                inputGradBlocked = null;
                inputGradBlockedOwn = null;
            }
        }
    }
}
