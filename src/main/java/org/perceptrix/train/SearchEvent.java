package org.perceptrix.train;

import java.util.Map;

/** What a grid search reports while it runs, on its own thread. Settings and folds count from 0. */
public sealed interface SearchEvent permits SearchEvent.FoldStarted, SearchEvent.FoldProgress,
        SearchEvent.FoldEnded, SearchEvent.SettingEnded, SearchEvent.Ended {

    /** Training of one fold of one setting begins; {@code settings} and {@code folds} are the totals. */
    record FoldStarted(int setting, int settings, Map<String, Double> values, int fold, int folds) implements SearchEvent {
    }

    /** An event of the fold's training session (iterations, epochs), for a progress view or diagnostics. */
    record FoldProgress(int setting, int fold, TrainingEvent event) implements SearchEvent {
    }

    /** One fold finished with its validation metric. */
    record FoldEnded(int setting, SearchResult.FoldResult result) implements SearchEvent {
    }

    /** Every fold of a setting finished. */
    record SettingEnded(SearchResult.SettingResult result) implements SearchEvent {
    }

    /** The search ended (finished or cancelled); always the last event. */
    record Ended(SearchResult result) implements SearchEvent {
    }
}
