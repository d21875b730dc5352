package org.perceptrix.project;

/**
 * A project file that cannot be read or written. The message is one line a student can act on, naming the file and
 * what is wrong, e.g. {@code lenet.json: line 12, column 5: malformed JSON (Unexpected character '}')}.
 */
public final class ProjectFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_LENGTH = 400;

    private final String source;
    private final String problem;

    public ProjectFileException(String source, String problem) {
        this(source, problem, null);
    }

    public ProjectFileException(String source, String problem, Throwable cause) {
        super(oneLine(source) + ": " + oneLine(problem), cause);
        this.source = oneLine(source);
        this.problem = oneLine(problem);
    }

    /** Names and values quoted from a damaged file may hold line breaks or be huge; the message must stay one line. */
    private static String oneLine(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (Character.isISOControl(c)) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.length() > MAX_LENGTH ? b.substring(0, MAX_LENGTH - 3) + "..." : b.toString();
    }

    /** The file's name as the message shows it, e.g. {@code lenet.json}. */
    public String source() { return source; }

    /** What is wrong, without the file name. */
    public String problem() { return problem; }
}
