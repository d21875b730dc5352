package org.perceptrix.export;

import org.perceptrix.data.DataSource;
import org.perceptrix.train.TrainedModel;

/** A model read from a file, with the data source it was trained on (paths made absolute), to evaluate it again. */
public record SavedModel(TrainedModel model, DataSource data) {
}
