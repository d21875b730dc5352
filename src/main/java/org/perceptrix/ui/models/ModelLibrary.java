package org.perceptrix.ui.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.perceptrix.export.ModelFile;
import org.perceptrix.export.SavedModel;
import org.perceptrix.export.StarterModel;
import org.perceptrix.i18n.Messages;
import org.perceptrix.project.RunRecord;
import org.perceptrix.ui.TaskRunner;

/**
 * The trained models the student can look at (predictions explorer, drawing pad): the bundled starter LeNet, the
 * models of the project's runs (newest first) and model files opened from disk. One is selected; it is read in the
 * background and shared by every panel, so the pad and the explorer always show the same model.
 */
public final class ModelLibrary {

    /** A model the student can choose; {@code file} is empty for the bundled starter model. */
    public record Entry(String label, Optional<Path> file) {
        public Entry {
            Objects.requireNonNull(label);
            Objects.requireNonNull(file);
        }

        public boolean isStarter() { return file.isEmpty(); }

        @Override
        public String toString() { return label; }
    }

    private final TaskRunner tasks;
    private final Function<Optional<Path>, SavedModel> reader;
    private final ObservableList<RunRecord> runs;
    private final Entry starter = new Entry(Messages.get("models.starter"), Optional.empty());
    private final List<Entry> opened = new ArrayList<>();
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<Entry> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<SavedModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    /** Models already read, so switching back and forth costs nothing; small (a few MB each) and few. */
    private final Map<Optional<Path>, SavedModel> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Optional<Path>, SavedModel> eldest) { return size() > 4; }
    };
    private Entry requested;

    /** The app's library: reads models with {@link ModelFile#load} (starter: {@link StarterModel#load}). */
    public ModelLibrary(ObservableList<RunRecord> runs, TaskRunner tasks) {
        this(runs, tasks, file -> file.map(ModelFile::load).orElseGet(StarterModel::load));
    }

    /** For tests: {@code reader} reads a model file (empty: the starter model). */
    public ModelLibrary(ObservableList<RunRecord> runs, TaskRunner tasks, Function<Optional<Path>, SavedModel> reader) {
        this.runs = runs;
        this.tasks = tasks;
        this.reader = reader;
        runs.addListener((ListChangeListener<RunRecord>) c -> rebuild());
        selected.addListener((o, a, b) -> {
            if (b != null) load(b);
        });
        rebuild();
    }

    /** The models to choose from: the starter model, the runs' models (newest first), opened files. */
    public ObservableList<Entry> entries() { return FXCollections.unmodifiableObservableList(entries); }

    /** The chosen entry; setting it reads that model in the background. */
    public ObjectProperty<Entry> selectedProperty() { return selected; }

    /** The chosen model once read; null until the first one is read, or when reading failed. */
    public ReadOnlyObjectProperty<SavedModel> modelProperty() { return model.getReadOnlyProperty(); }

    public SavedModel model() { return model.get(); }

    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }

    /** Why the chosen model could not be read, in one line; empty when it could. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /** Selects the starter model unless something is selected already. */
    public void selectDefault() {
        if (selected.get() == null) selected.set(starter);
    }

    /** Selects the model of the newest run that saved one; false when no run has. */
    public boolean selectLatestTrained() {
        Optional<Entry> latest = entries.stream().filter(e -> !e.isStarter() && !opened.contains(e)).findFirst();
        latest.ifPresent(selected::set);
        return latest.isPresent();
    }

    /** Adds a model file chosen by the student and selects it. */
    public void open(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Entry entry = entries.stream().filter(e -> e.file().equals(Optional.of(abs))).findFirst()
                .orElseGet(() -> {
                    Entry e = new Entry(abs.getFileName().toString(), Optional.of(abs));
                    opened.add(e);
                    return e;
                });
        rebuild();
        cache.remove(entry.file()); // it may have been rewritten since
        selected.set(entry);
        if (Objects.equals(requested, entry) && !loading.get()) load(entry);
    }

    private void rebuild() {
        List<Entry> list = new ArrayList<>();
        list.add(starter);
        List<RunRecord> newestFirst = new ArrayList<>(runs);
        java.util.Collections.reverse(newestFirst);
        for (RunRecord run : newestFirst) {
            if (!run.hasModelFile()) continue;
            Path file = Path.of(run.modelFile()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) continue;
            String accuracy = Double.isNaN(run.testAccuracy()) ? ""
                    : Messages.get("models.runAccuracy", String.format("%.2f", run.testAccuracy() * 100));
            list.add(new Entry(Messages.get("models.run", run.startedAt(), accuracy).strip(), Optional.of(file)));
        }
        for (Entry e : opened) if (list.stream().noneMatch(x -> x.file().equals(e.file()))) list.add(e);
        Entry keep = selected.get();
        entries.setAll(list);
        if (keep != null && !list.contains(keep)) {
            list.stream().filter(e -> e.file().equals(keep.file())).findFirst().ifPresent(selected::set);
        }
    }

    private void load(Entry entry) {
        requested = entry;
        SavedModel cached = cache.get(entry.file());
        if (cached != null) {
            loading.set(false);
            error.set("");
            model.set(cached);
            return;
        }
        loading.set(true);
        tasks.run(() -> reader.apply(entry.file()), m -> {
            cache.put(entry.file(), m);
            if (!Objects.equals(requested, entry)) return;
            loading.set(false);
            error.set("");
            model.set(m);
        }, e -> {
            if (!Objects.equals(requested, entry)) return;
            loading.set(false);
            error.set(Messages.get("models.unreadable", entry.label(), e.getMessage()));
            org.slf4j.LoggerFactory.getLogger(ModelLibrary.class).warn("Cannot read model {}", entry.file(), e);
        });
    }
}
