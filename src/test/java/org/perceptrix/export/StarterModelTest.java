package org.perceptrix.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.perceptrix.data.DataLoader;
import org.perceptrix.data.DataSource;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.evaluate.DigitClassifier;
import org.perceptrix.evaluate.Evaluator;
import org.perceptrix.graph.Shape;

/** The LeNet shipped in the application loads from the classpath and reads digits. */
class StarterModelTest {

    @Test
    void theStarterModelIsALenetForMnistThatReadsTestDigits() {
        SavedModel starter = StarterModel.load();

        assertThat(starter.data()).isEqualTo(DataSource.mnist());
        assertThat(starter.model().input().shape()).isEqualTo(new Shape.Image(28, 28, 1));
        assertThat(DigitClassifier.unsuitable(starter.model())).isEmpty();
        ExampleSet some = DataLoader.bundledMnist().test().head(500);
        assertThat(Evaluator.classify(starter.model(), some).accuracy()).isGreaterThan(0.95);
    }
}
