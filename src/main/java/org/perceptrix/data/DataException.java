package org.perceptrix.data;

/**
 * Examples could not be read; the message is one line naming the file and the problem, fit to show a student as is,
 * e.g. {@code t10k-images.gz: file is truncated: expected 7840000 pixel bytes after the header, found 1200}.
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(oneLine(message));
    }

    public DataException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    // Messages end up in a status bar and in CLI output, where a stray newline from an IOException breaks the layout.
    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
