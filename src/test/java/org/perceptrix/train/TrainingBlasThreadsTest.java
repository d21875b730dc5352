package org.perceptrix.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** One BLAS thread while training on two cores or fewer, given back afterwards; more cores are left alone. */
class TrainingBlasThreadsTest {

    @Test
    void usesOneThreadOnTwoCoresAndGivesTheCountBack() {
        List<Integer> set = new ArrayList<>();
        try (TrainingBlasThreads t = new TrainingBlasThreads(2, 2, true, set::add)) {
            assertThat(t.threads()).isEqualTo(1);
            assertThat(set).containsExactly(1);
        }
        assertThat(set).containsExactly(1, 2);
    }

    @Test
    void leavesMoreCoresTheSwitchAndASingleThreadAlone() {
        List<Integer> set = new ArrayList<>();
        try (TrainingBlasThreads t = new TrainingBlasThreads(8, 8, true, set::add)) {
            assertThat(t.threads()).isEqualTo(8);
        }
        try (TrainingBlasThreads t = new TrainingBlasThreads(2, 2, false, set::add)) {
            assertThat(t.threads()).isEqualTo(2);
        }
        try (TrainingBlasThreads t = new TrainingBlasThreads(1, 1, true, set::add)) {
            assertThat(t.threads()).isEqualTo(1);
        }
        assertThat(set).isEmpty();
    }

    @Test
    void aTrainingSessionGivesTheLibraryItsCountBack() {
        org.nd4j.linalg.api.blas.Blas blas = org.nd4j.linalg.factory.Nd4j.factory().blas();
        int before = blas.getMaxThreads();
        TrainingJob job = new TrainingJob("mlp", org.perceptrix.evaluate.PeerComparison.network("mlp"),
                org.perceptrix.data.DataLoader.bundledMnist().train().head(128), org.perceptrix.data.Scaling.MIN_MAX,
                org.perceptrix.graph.DataSignature.Target.LABELS,
                org.perceptrix.compile.TrainingSettings.defaults().withEpochs(1).withBatchSize(64));
        int[] during = {-1};
        new TrainingSession(job, e -> {
            if (e instanceof TrainingEvent.Iteration) during[0] = blas.getMaxThreads();
        }).run();
        assertThat(during[0]).isEqualTo(Runtime.getRuntime().availableProcessors() <= 2 && before > 1 ? 1 : before);
        assertThat(blas.getMaxThreads()).isEqualTo(before);
    }
}
