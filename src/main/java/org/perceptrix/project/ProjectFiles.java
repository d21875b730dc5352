package org.perceptrix.project;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads and writes project files (JSON, format version 1). Reading never runs Java deserialization and never throws
 * anything but {@link ProjectFileException}; writing is atomic, so a crash mid-save leaves the old file intact.
 */
public final class ProjectFiles {
    /** The extension of project files, with its dot. */
    public static final String EXTENSION = ".json";
    /** Far larger than any real project (runs with thousands of epochs are well under a megabyte). */
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private ProjectFiles() {
    }

    public static Project read(Path file) {
        String source = sourceName(file);
        if (Files.isDirectory(file)) throw new ProjectFileException(source, "is a folder, not a project file");
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ProjectFileException(source, "file is too large to be a project (" + Files.size(file)
                        + " bytes)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ProjectFileException(source, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new ProjectFileException(source, "cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new ProjectFileException(source, "cannot be read (" + e.getMessage() + ")", e);
        }
        if (bytes.length == 0) throw new ProjectFileException(source, "file is empty");
        return fromJson(utf8(bytes, source), source);
    }

    /**
     * Parses the text of a project file.
     *
     * @param sourceName how messages name the text, usually the file name
     */
    public static Project fromJson(String json, String sourceName) {
        try {
            return new ProjectReader(sourceName).read(json);
        } catch (ProjectFileException e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug in the reader must still reach the student as a message about this file, not as a crash.
            throw new ProjectFileException(sourceName, "cannot be read (" + e + ")", e);
        }
    }

    /** The file's text: pretty-printed JSON with "\n" line endings and a trailing newline, the same for equal projects. */
    public static String toJson(Project project) {
        return ProjectJson.print(ProjectWriter.write(project));
    }

    /** Saves via a temporary file in the same folder that then replaces {@code file}, so readers never see half a file. */
    public static void write(Project project, Path file) {
        String source = sourceName(file);
        byte[] bytes = toJson(project).getBytes(StandardCharsets.UTF_8);
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) throw new ProjectFileException(source, "is a folder, not a project file");
        Path temp = null;
        try {
            temp = createTemp(target);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) channel.write(buffer);
                channel.force(true); // on disk before the rename, or a crash could leave an empty file behind it
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (NoSuchFileException e) {
            throw new ProjectFileException(source, "cannot be saved: the folder " + target.getParent()
                    + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ProjectFileException(source, "cannot be saved: permission denied", e);
        } catch (IOException e) {
            throw new ProjectFileException(source, "cannot be saved (" + e.getMessage() + ")", e);
        } finally {
            if (temp != null) deleteQuietly(temp);
        }
    }

    /** A new empty file beside the target; created with the default permissions, unlike Files.createTempFile's 0600. */
    private static Path createTemp(Path target) throws IOException {
        Path dir = target.getParent();
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + target.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) throw e;
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the save already failed with a clearer message; a stray hidden temp file is the lesser harm
        }
    }

    /** Strict UTF-8: a file saved in another encoding is named as such instead of being read with garbled names. */
    private static String utf8(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            // A multi-byte character cut off by the end of the file is a truncation, not a wrong encoding.
            if (in.position() + result.length() >= bytes.length) {
                throw new ProjectFileException(source, "file ends early (truncated?)");
            }
            throw new ProjectFileException(source, "is not UTF-8 text (bad byte at offset " + in.position()
                    + "): save it as UTF-8");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static String sourceName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
