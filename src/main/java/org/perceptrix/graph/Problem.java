package org.perceptrix.graph;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.perceptrix.i18n.Messages;

/**
 * A mistake in the network, pinned to the node that causes it (or to the whole graph when {@code nodeId} is empty).
 * The text comes from the message bundle, so it reads in the student's language.
 */
public record Problem(Severity severity, String nodeId, String key, List<Object> args) {

    public Problem {
        args = List.copyOf(args);
    }

    static Problem error(String nodeId, String key, Object... args) {
        return new Problem(Severity.ERROR, nodeId, key, List.of(args));
    }

    static Problem warning(String nodeId, String key, Object... args) {
        return new Problem(Severity.WARNING, nodeId, key, List.of(args));
    }

    public boolean isError() { return severity == Severity.ERROR; }

    /** The node the problem is pinned to, if any. */
    public Optional<String> node() { return nodeId.isEmpty() ? Optional.empty() : Optional.of(nodeId); }

    /** The message in the current language. */
    public String message() { return Messages.get("problem." + key, args.toArray()); }

    public String message(Locale locale) { return Messages.get(locale, "problem." + key, args.toArray()); }

    @Override
    public String toString() { return severity + ": " + message(Locale.ENGLISH); }
}
