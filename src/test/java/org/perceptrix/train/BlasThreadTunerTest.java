package org.perceptrix.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

import org.junit.jupiter.api.Test;

/** The tuner keeps the BLAS thread count whose training steps were faster, checks again later, and restores it. */
class BlasThreadTunerTest {

    @Test
    void keepsOneThreadWhenItsStepsAreFaster() {
        List<Integer> set = new ArrayList<>();
        int[] threads = {2};
        BlasThreadTuner t = new BlasThreadTuner(2, n -> {
            set.add(n);
            threads[0] = n;
        });
        run(t, threads, BlasThreadTuner.WARM_UP + 2 * BlasThreadTuner.ROUNDS * BlasThreadTuner.BLOCK + 50,
                n -> n == 1 ? 500_000 : 900_000);
        assertThat(t.chosen()).isEqualTo(1);
        assertThat(threads[0]).as("the steps after the trial use the choice").isEqualTo(1);
        t.close();
        assertThat(threads[0]).as("restored at the end").isEqualTo(2);
        assertThat(set).contains(1, 2);
    }

    @Test
    void keepsAllThreadsWhenTheyAreFasterAndLooksAgainLater() {
        int[] threads = {2};
        BlasThreadTuner t = new BlasThreadTuner(2, n -> threads[0] = n);
        int trial = 2 * BlasThreadTuner.ROUNDS * BlasThreadTuner.BLOCK;
        // quiet machine first: two threads faster
        run(t, threads, BlasThreadTuner.WARM_UP + trial, n -> n == 2 ? 400_000 : 700_000);
        assertThat(t.chosen()).isEqualTo(2);
        run(t, threads, BlasThreadTuner.STEADY, n -> 1_000_000);
        assertThat(threads[0]).isEqualTo(2);
        // then the machine gets busy: the next trial switches to one thread
        run(t, threads, trial + 5, n -> n == 1 ? 600_000 : 1_500_000);
        assertThat(t.chosen()).isEqualTo(1);
        assertThat(threads[0]).isEqualTo(1);
        t.close();
        assertThat(threads[0]).isEqualTo(2);
    }

    @Test
    void leavesASingleThreadedLibraryAlone() {
        List<Integer> set = new ArrayList<>();
        BlasThreadTuner t = new BlasThreadTuner(1, set::add);
        run(t, new int[] {1}, 200, n -> 1000);
        t.close();
        assertThat(set).isEmpty();
        assertThat(t.chosen()).isEqualTo(1);
    }

    /** {@code steps} training steps whose time depends on the thread count in force. */
    private static void run(BlasThreadTuner t, int[] threads, int steps, IntToLongFunction nanosFor) {
        for (int i = 0; i < steps; i++) {
            t.beforeStep();
            t.afterStep(nanosFor.applyAsLong(threads[0]));
        }
    }
}
