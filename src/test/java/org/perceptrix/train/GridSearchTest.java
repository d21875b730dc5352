package org.perceptrix.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.perceptrix.graph.LayerType.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.data.DataLoader;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.data.Scaling;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.GraphSketch;
import org.perceptrix.graph.NetworkGraph;

class GridSearchTest {
    private static final ExampleSet DIGITS = DataLoader.bundledMnist().train().head(300);
    private static final NetworkGraph MLP = GraphSketch.start(VECTOR_INPUT).then(DENSE, "units", 32).then(OUTPUT).graph();

    private static TrainingJob job() {
        return new TrainingJob("mlp", MLP, DIGITS, Scaling.MIN_MAX, DataSignature.Target.LABELS,
                TrainingSettings.defaults().withEpochs(1).withBatchSize(32));
    }

    @Test
    void crossValidatesEverySettingOnEveryFoldAndMarksTheBestMean() {
        List<SearchEvent> events = new ArrayList<>();
        SearchGrid grid = SearchGrid.parse("lr=0.0001,0.01;batch=16,64");

        SearchResult r = new GridSearch(job(), grid, 2, events::add).run();

        assertThat(r.outcome()).isEqualTo(SearchResult.Outcome.FINISHED);
        assertThat(r.metric()).isEqualTo(SearchResult.Metric.ACCURACY);
        assertThat(r.settings()).hasSize(4);
        for (SearchResult.SettingResult s : r.settings()) {
            assertThat(s.folds()).extracting(SearchResult.FoldResult::fold).containsExactly(0, 1);
            assertThat(s.folds()).allSatisfy(f -> assertThat(f.metric()).isBetween(0.0, 1.0));
            double mean = (s.folds().get(0).metric() + s.folds().get(1).metric()) / 2;
            assertThat(s.mean()).isCloseTo(mean, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(s.std()).isCloseTo(Math.abs(s.folds().get(0).metric() - mean), org.assertj.core.api.Assertions.within(1e-12));
            assertThat(s.settings().learningRate()).isEqualTo(s.values().get("lr"));
            assertThat(s.settings().batchSize()).isEqualTo(s.values().get("batch").intValue());
        }
        SearchResult.SettingResult argmax = r.settings().stream()
                .max(Comparator.comparingDouble(SearchResult.SettingResult::mean)).orElseThrow();
        assertThat(r.best()).contains(argmax);
        assertThat(r.isBest(argmax)).isTrue();
        assertThat(r.bestSettings()).contains(argmax.settings());
        assertThat(argmax.values().get("lr")).isEqualTo(0.01); // 1e-4 barely learns in one epoch
        // each fold validates on its own half: 150 examples per fold
        SearchEvent.FoldProgress epoch = events.stream().filter(e -> e instanceof SearchEvent.FoldProgress p
                && p.event() instanceof TrainingEvent.Iteration).map(e -> (SearchEvent.FoldProgress) e)
                .findFirst().orElseThrow();
        assertThat(((TrainingEvent.Iteration) epoch.event()).examplesPerEpoch()).isEqualTo(150);
        assertThat(events).filteredOn(e -> e instanceof SearchEvent.FoldStarted).hasSize(8);
        assertThat(events).filteredOn(e -> e instanceof SearchEvent.FoldEnded).hasSize(8);
        assertThat(events).filteredOn(e -> e instanceof SearchEvent.SettingEnded).hasSize(4);
        assertThat(events.get(events.size() - 1)).isEqualTo(new SearchEvent.Ended(r));
    }

    @Test
    void holdOutValidatesOnceOnTheValidationSplit() {
        SearchResult r = new GridSearch(job(), SearchGrid.parse("lr=0.001,0.01"), GridSearch.HOLD_OUT, e -> { }).run();

        assertThat(r.settings()).hasSize(2).allSatisfy(s -> {
            assertThat(s.folds()).hasSize(1);
            assertThat(s.std()).isZero();
        });
        assertThat(r.best()).isPresent();
    }

    @Test
    void aDivergingSettingFailsItsFoldsButNotTheSearch() {
        NetworkGraph mse = GraphSketch.start(VECTOR_INPUT).then(DENSE, "units", 64).then(DENSE, "units", 64)
                .then(OUTPUT, "loss", "identity_mse").graph();
        TrainingJob j = new TrainingJob("nan", mse, DIGITS, Scaling.NONE, DataSignature.Target.LABELS,
                new TrainingSettings(org.perceptrix.compile.Optimizer.SGD, 0.001, 0.9, 32, 1, 0, 0, 0,
                        org.perceptrix.compile.WeightInit.RELU, 1, 0.1, 0));

        SearchResult r = new GridSearch(j, SearchGrid.parse("lr=10,0.000001"), 2, e -> { }).run();

        assertThat(r.settings().get(0).succeeded()).isFalse();
        assertThat(r.settings().get(0).folds().get(0).message()).contains("loss became");
        assertThat(r.best()).hasValueSatisfying(b -> assertThat(b.index()).isEqualTo(1));
    }

    @Test
    void stopEndsTheSearchAndKeepsFinishedSettings() throws Exception {
        List<SearchEvent> events = new CopyOnWriteArrayList<>();
        GridSearch[] search = new GridSearch[1];
        search[0] = new GridSearch(job(), SearchGrid.parse("lr=0.001,0.002,0.003"), 2, e -> {
            events.add(e);
            if (e instanceof SearchEvent.FoldStarted f && f.setting() == 1 && f.fold() == 1) search[0].stop();
        });

        SearchResult r = search[0].start().get(60, TimeUnit.SECONDS);

        assertThat(r.outcome()).isEqualTo(SearchResult.Outcome.CANCELLED);
        assertThat(r.settings()).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof SearchEvent.FoldStarted).hasSize(4);
    }

    @Test
    void impossibleFoldsAndHoldOutWithoutASplitAreRefused() {
        assertThatThrownBy(() -> new GridSearch(job().withExamples(DIGITS.head(3)), SearchGrid.parse("lr=0.1"), 5, e -> { }))
                .hasMessage("cannot make 5 folds of 3 examples");
        assertThatThrownBy(() -> new GridSearch(job().withSettings(TrainingSettings.defaults().withValidationSplit(0)),
                SearchGrid.parse("lr=0.1"), GridSearch.HOLD_OUT, e -> { })).hasMessageContaining("validation split");
    }
}
