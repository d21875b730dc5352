package org.perceptrix.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perceptrix.data.DataLoader;
import org.perceptrix.train.GridSearch;
import org.perceptrix.train.SearchGrid;
import org.perceptrix.train.SearchResult;

/** A run through the app's one training flow ends up in the project's history, and its results flow back. */
class ProjectTrainingTest {
    private static final DataLoader.LoadedData MNIST = DataLoader.bundledMnist();

    @TempDir
    Path dir;

    private ProjectTraining.Options quick(Path model) {
        return new ProjectTraining.Options(OptionalInt.of(1), OptionalInt.of(300), Optional.ofNullable(model));
    }

    @Test
    void aFinishedRunIsRecordedCompletelyAndSurvivesSavingTheProject() throws Exception {
        Project p = Templates.load("mlp");
        Path model = dir.resolve("mlp-model.zip");

        ProjectTraining.Outcome first = new ProjectTraining(p, MNIST, dir, quick(model), e -> { }).start()
                .get(60, TimeUnit.SECONDS);
        ProjectTraining.Outcome second = new ProjectTraining(p, MNIST, dir, quick(null), e -> { }).run();

        RunRecord run = first.run();
        assertThat(run.status()).isEqualTo("finished");
        assertThat(run.settings()).isEqualTo(p.training().withEpochs(1));
        assertThat(run.epochs()).hasSize(1);
        assertThat(run.testAccuracy()).isEqualTo(first.testAccuracy()).isBetween(0.3, 1.0);
        assertThat(run.modelFile()).isEqualTo(model.toString());
        assertThat(model).exists();
        assertThat(second.run().id()).isNotEqualTo(run.id());
        Project withRuns = p.withRun(run).withRun(second.run());
        Path file = dir.resolve("mlp.json");
        ProjectFiles.write(withRuns, file);
        assertThat(ProjectFiles.read(file).runs()).containsExactly(run, second.run());
    }

    @Test
    void restoringARunBringsBackItsSettings() {
        Project p = Templates.load("mlp");
        RunRecord old = new RunRecord("r1", "2026-11-24T10:15:30Z", p.training().withLearningRate(0.05).withEpochs(2),
                java.util.List.of(), Double.NaN, "", "stopped");

        Project restored = p.withTraining(p.training().withLearningRate(0.1)).withTrainingOf(old);

        assertThat(restored.training()).isEqualTo(old.settings());
    }

    @Test
    void applyingTheBestOfAGridSearchChangesTheProject() {
        Project p = Templates.load("mlp");
        var job = ProjectTraining.job(p, MNIST, quick(null));

        SearchResult r = new GridSearch(job, SearchGrid.parse("lr=0.0001,0.01;batch=16,64"), 2, e -> { }).run();
        // the grid's values on the project's own settings, not the quick run's one epoch
        Project applied = p.withTraining(SearchGrid.apply(p.training(), r.best().orElseThrow().values()));

        assertThat(r.settings()).hasSize(4).allSatisfy(s -> assertThat(s.folds()).hasSize(2));
        assertThat(applied.training()).isNotEqualTo(p.training());
        assertThat(applied.training().learningRate()).isEqualTo(r.best().orElseThrow().values().get("lr"));
        assertThat(applied.training().epochs()).isEqualTo(p.training().epochs());
    }
}
