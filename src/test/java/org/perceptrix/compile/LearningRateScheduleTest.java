package org.perceptrix.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ISchedule;

class LearningRateScheduleTest {

    @ParameterizedTest(name = "{0}: epoch {1} → {2}")
    @CsvSource({
            "fixed, 0, 0.1", "fixed, 7, 0.1",
            "step, 0, 0.1", "step, 1, 0.1", "step, 2, 0.05", "step, 5, 0.025",
            "exponential, 0, 0.1", "exponential, 1, 0.0707107", "exponential, 2, 0.05", "exponential, 4, 0.025",
            "cosine, 0, 0.1", "cosine, 2, 0.05", "cosine, 4, 0.0", "cosine, 9, 0.0"})
    void learningRateFollowsTheScheduleByEpoch(String schedule, int epoch, double expected) {
        TrainingSettings s = TrainingSettings.defaults().withLearningRate(0.1).withEpochs(4)
                .withSchedule(LearningRateSchedule.fromId(schedule), 0.5, 2);

        ISchedule lr = GraphCompiler.schedule(s);

        assertThat(lr.valueAt(123, epoch)).isCloseTo(expected, within(1e-6));
    }
}
