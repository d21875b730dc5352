package org.perceptrix.project;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.perceptrix.data.DataLoader;
import org.perceptrix.data.DataSource;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.evaluate.ClassificationReport;
import org.perceptrix.evaluate.Evaluator;
import org.perceptrix.export.ModelFile;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.train.BackgroundThread;
import org.perceptrix.train.TrainedModel;
import org.perceptrix.train.TrainingEvent;
import org.perceptrix.train.TrainingJob;
import org.perceptrix.train.TrainingResult;
import org.perceptrix.train.TrainingSession;
import org.perceptrix.compile.TrainingSettings;

/**
 * Trains a project the same way from the command line and from the app: train on the project's training data,
 * score the kept model on the test set, save it, and describe the run for the project's history.
 */
public final class ProjectTraining {

    /** Overrides for one run: fewer epochs, fewer training examples (quick runs), where to save the model. */
    public record Options(OptionalInt epochs, OptionalInt limit, Optional<Path> modelFile) {
        public static Options none() { return new Options(OptionalInt.empty(), OptionalInt.empty(), Optional.empty()); }
    }

    /** What a run produced: how training ended, the test scores and the saved model file, if any. */
    public record Outcome(TrainingResult training, Optional<ClassificationReport> report, double reconstructionError,
                          Optional<Path> modelFile, RunRecord run) {
        /** Test accuracy, or NaN when there is none (autoencoders, failed runs). */
        public double testAccuracy() { return report.map(ClassificationReport::accuracy).orElse(Double.NaN); }
    }

    private final Project project;
    private final DataLoader.LoadedData data;
    private final Path baseDir;
    private final Options options;
    private final TrainingSettings settings;
    private final TrainingSession session;
    private final Instant started = Instant.now();
    private final String startedAt = started.truncatedTo(ChronoUnit.SECONDS).toString();

    /**
     * @param baseDir the project file's folder, against which relative data paths were resolved
     */
    public ProjectTraining(Project project, DataLoader.LoadedData data, Path baseDir, Options options,
                           Consumer<TrainingEvent> listener) {
        this.project = project;
        this.data = data;
        this.baseDir = baseDir;
        this.options = options;
        TrainingJob job = job(project, data, options);
        this.settings = job.settings();
        this.session = new TrainingSession(job, listener);
    }

    /**
     * The training job a project describes, with the options' overrides: what a run trains, and what a grid search
     * starts from.
     */
    public static TrainingJob job(Project project, DataLoader.LoadedData data, Options options) {
        TrainingSettings s = project.training();
        if (options.epochs().isPresent()) s = s.withEpochs(options.epochs().getAsInt());
        ExampleSet train = options.limit().isPresent() ? data.train().head(options.limit().getAsInt()) : data.train();
        return new TrainingJob(project.name(), project.graph(), train, project.scaling(), project.data().target(), s);
    }

    public void pause() { session.pause(); }

    public void resume() { session.resume(); }

    public void stop() { session.stop(); }

    public boolean isPaused() { return session.isPaused(); }

    /**
     * Runs on a new daemon thread named {@code perceptrix-training}; the future completes with the outcome (or the
     * unexpected exception of evaluating or saving) and the thread ends with it.
     */
    public CompletableFuture<Outcome> start() {
        return BackgroundThread.start("perceptrix-training", this::run);
    }

    /** Trains on the calling thread, then evaluates and saves; never throws for training problems. */
    public Outcome run() {
        TrainingResult result = session.run();
        Optional<ClassificationReport> report = Optional.empty();
        double reconstruction = Double.NaN;
        Optional<Path> saved = Optional.empty();
        if (result.model().isPresent()) {
            TrainedModel model = result.model().get();
            if (model.target() == DataSignature.Target.LABELS) report = Optional.of(Evaluator.classify(model, data.test()));
            else reconstruction = Evaluator.reconstructionError(model, data.test());
            if (options.modelFile().isPresent()) {
                ModelFile.save(model, absolute(project.data()), options.modelFile().get());
                saved = options.modelFile();
            }
        }
        String status = switch (result.outcome()) {
            case FINISHED -> "finished";
            case STOPPED_EARLY -> "stopped early";
            case CANCELLED -> "stopped";
            case FAILED -> "failed: " + result.message();
        };
        double accuracy = report.map(ClassificationReport::accuracy).orElse(Double.NaN);
        // Milliseconds in the id: two runs started within one second (stop, then train again) stay apart.
        String id = started.truncatedTo(ChronoUnit.MILLIS).toString().replace(":", "").replace("-", "");
        RunRecord run = new RunRecord(id, startedAt, settings,
                result.epochs(), accuracy, saved.map(Path::toString).orElse(""), status);
        return new Outcome(result, report, reconstruction, saved, run);
    }

    /** The data source with IDX paths made absolute, so a saved model finds its test data from anywhere. */
    private DataSource absolute(DataSource d) {
        if (d.kind() != DataSource.Kind.IDX) return d;
        return new DataSource(d.kind(), abs(d.trainImages()), abs(d.trainLabels()), abs(d.testImages()),
                abs(d.testLabels()), d.target());
    }

    private String abs(String path) {
        return baseDir.resolve(path).toAbsolutePath().normalize().toString();
    }
}
