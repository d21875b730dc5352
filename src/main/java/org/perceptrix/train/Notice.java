package org.perceptrix.train;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.perceptrix.graph.Severity;
import org.perceptrix.i18n.Messages;

/**
 * A plain-language remark about a running training session: what happened ({@link #message()}) and what to try
 * ({@link #advice()}), both from the message bundle ({@code notice.<key>} and {@code notice.<key>.advice}), raised at
 * {@code epoch} and {@code iteration}.
 */
public record Notice(Severity severity, Kind kind, List<Object> args, int epoch, int iteration) {

    /** The things {@link TrainingDiagnostics} looks for; each is raised at most once per session. */
    public enum Kind {
        LOSS_NOT_A_NUMBER("lossNaN"),
        LOSS_EXPLODING("lossExploding"),
        LOSS_NOT_DECREASING("lossFlat"),
        OVERFITTING("overfitting"),
        LEARNING_RATE_TOO_HIGH("learningRateHigh"),
        LEARNING_RATE_TOO_LOW("learningRateLow");

        private final String key;

        Kind(String key) { this.key = key; }

        /** The bundle key without the {@code notice.} prefix. */
        public String key() { return key; }
    }

    public Notice {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(kind);
        args = List.copyOf(args);
    }

    public String key() { return "notice." + kind.key(); }

    /** What happened, in the current language. */
    public String message() { return message(Messages.locale()); }

    public String message(Locale locale) { return Messages.get(locale, key(), args.toArray()); }

    /** What to try, in the current language. */
    public String advice() { return advice(Messages.locale()); }

    public String advice(Locale locale) { return Messages.get(locale, key() + ".advice", args.toArray()); }

    @Override
    public String toString() { return severity + ": " + message(Locale.ENGLISH) + " " + advice(Locale.ENGLISH); }
}
