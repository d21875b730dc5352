package org.perceptrix.compile;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.perceptrix.graph.Shape;

/**
 * How a network input wants its examples. Examples are stored as flat rows (an image row-major, height then width
 * then channel-planes; a sequence step after step); this turns a block of rows into the array DL4J expects.
 */
public record InputLayout(Shape shape) {

    /** The DL4J input type; images arrive flat and DL4J reshapes them (convolutionalFlat). */
    public InputType inputType() {
        if (shape instanceof Shape.Image i) return InputType.convolutionalFlat(i.height(), i.width(), i.channels());
        if (shape instanceof Shape.Sequence s) return InputType.recurrent(s.features(), s.steps());
        return InputType.feedForward(((Shape.Vector) shape).size());
    }

    public int featureCount() { return (int) shape.elementCount(); }

    /**
     * Rows {@code from .. from+count} of a row-major feature matrix as a DL4J feature array:
     * [count, features] for vectors and flat images, [count, features, steps] for sequences.
     */
    public INDArray features(float[] rows, int from, int count) {
        int n = featureCount();
        float[] block = new float[count * n];
        System.arraycopy(rows, from * n, block, 0, count * n);
        return wrap(block, count);
    }

    /** Wraps {@code count} flat rows already laid out contiguously. */
    public INDArray wrap(float[] block, int count) {
        if (shape instanceof Shape.Sequence s) {
            // rows hold step after step ([T, F]); DL4J's recurrent layout is [batch, F, T]
            return Nd4j.create(block, new long[] {count, s.steps(), s.features()}, 'c').permute(0, 2, 1).dup('c');
        }
        return Nd4j.create(block, new long[] {count, featureCount()}, 'c');
    }
}
