package org.perceptrix.compile;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * DL4J's global pooling over time, telling the truth about its output. In 1.0.0-M2.1
 * {@link GlobalPoolingLayer#getOutputType} returns a recurrent input type unchanged although the layer outputs
 * [batch, features]; the layers after it then get the wrong preprocessors (BatchNorm fails in backprop, merges see
 * a sequence). Public with a no-argument constructor so model files can restore it from JSON.
 */
public class SequenceGlobalPooling extends GlobalPoolingLayer {
    private static final long serialVersionUID = 1L;

    public SequenceGlobalPooling() {
    }

    public SequenceGlobalPooling(PoolingType type) {
        super(type);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType instanceof InputType.InputTypeRecurrent r) return InputType.feedForward(r.getSize());
        return super.getOutputType(layerIndex, inputType);
    }
}
