package org.perceptrix.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the IDX files MNIST comes in (unsigned-byte images and labels), gzip-compressed or plain; which one is told by
 * the file's first bytes, not its name.
 */
public final class IdxReader {
    private static final Logger log = LoggerFactory.getLogger(IdxReader.class);

    /** Magic number of an IDX file of unsigned bytes with three dimensions: images × rows × columns. */
    static final int IMAGE_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension: labels. */
    static final int LABEL_MAGIC = 0x00000801;
    /** Larger sides are surely a corrupt header, not a picture. */
    static final int MAX_SIDE = 100_000;
    /** The most values one Java array holds; a file claiming more is corrupt or beyond what we can train on. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private static final int IMAGE_HEADER_BYTES = 16;
    private static final int LABEL_HEADER_BYTES = 8;
    private static final int BUFFER_BYTES = 1 << 16;

    /** The images of one IDX image file: {@code count × rows × columns} unsigned bytes, row-major. */
    public record Images(String fileName, int count, int rows, int columns, byte[] pixels) {
        public Images {
            Objects.requireNonNull(fileName);
            Objects.requireNonNull(pixels);
        }
    }

    /** The labels of one IDX label file, each 0..255. */
    public record Labels(String fileName, int[] values) {
        public Labels {
            Objects.requireNonNull(fileName);
            Objects.requireNonNull(values);
        }

        public int count() { return values.length; }
    }

    private IdxReader() {
    }

    /** Reads an image file and a label file into examples with classes 0..largest label. */
    public static ExampleSet readExamples(Path imagesFile, Path labelsFile) {
        Images images = readImages(imagesFile);
        Labels labels = readLabels(labelsFile);
        return toExampleSet(images, labels, ExampleSet.maxLabel(labels.values()) + 1);
    }

    public static Images readImages(Path file) {
        try (InputStream in = open(file)) {
            return readImages(in, fileName(file));
        } catch (IOException e) {
            throw cannotRead(fileName(file), e);
        }
    }

    public static Labels readLabels(Path file) {
        try (InputStream in = open(file)) {
            return readLabels(in, fileName(file));
        } catch (IOException e) {
            throw cannotRead(fileName(file), e);
        }
    }

    /** Reads an image file from a stream (left open); {@code fileName} is how error messages name it. */
    public static Images readImages(InputStream stream, String fileName) {
        try {
            InputStream in = decompressed(stream);
            byte[] header = readHeader(in, IMAGE_HEADER_BYTES, IMAGE_MAGIC, "image", fileName);
            long count = unsignedInt(header, 4);
            long rows = unsignedInt(header, 8);
            long columns = unsignedInt(header, 12);
            if (count == 0 || rows == 0 || columns == 0) {
                throw new DataException(fileName + ": the header declares " + count + " images of " + rows + "×"
                        + columns + " pixels; none of these may be 0");
            }
            if (rows > MAX_SIDE || columns > MAX_SIDE) {
                throw new DataException(fileName + ": the header declares images of " + rows + "×" + columns
                        + " pixels, more than " + MAX_SIDE + " on a side; the file is probably corrupt");
            }
            // Divided rather than multiplied: up to 2^32 images of 100,000² pixels would overflow a long.
            if (count > MAX_VALUES / (rows * columns)) {
                throw new DataException(fileName + ": the header declares " + count + " images of " + rows + "×"
                        + columns + " pixels, more than the " + MAX_VALUES + " bytes that fit in memory");
            }
            long total = count * rows * columns;
            byte[] pixels = readBody(in, (int) total, "pixel", fileName);
            return new Images(fileName, (int) count, (int) rows, (int) columns, pixels);
        } catch (IOException e) {
            throw cannotRead(fileName, e);
        }
    }

    /** Reads a label file from a stream (left open); {@code fileName} is how error messages name it. */
    public static Labels readLabels(InputStream stream, String fileName) {
        try {
            InputStream in = decompressed(stream);
            byte[] header = readHeader(in, LABEL_HEADER_BYTES, LABEL_MAGIC, "label", fileName);
            long count = unsignedInt(header, 4);
            if (count == 0) throw new DataException(fileName + ": the header declares 0 labels");
            if (count > MAX_VALUES) {
                throw new DataException(fileName + ": the header declares " + count + " labels, more than the "
                        + MAX_VALUES + " that fit in memory");
            }
            byte[] bytes = readBody(in, (int) count, "label", fileName);
            int[] values = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) values[i] = bytes[i] & 0xFF;
            return new Labels(fileName, values);
        } catch (IOException e) {
            throw cannotRead(fileName, e);
        }
    }

    /** Pairs images with labels as examples of {@code rows × columns × 1} values 0..255 and {@code numClasses} classes. */
    static ExampleSet toExampleSet(Images images, Labels labels, int numClasses) {
        if (images.count() != labels.count()) {
            throw new DataException("images and labels disagree: " + images.fileName() + " has " + images.count()
                    + " images but " + labels.fileName() + " has " + labels.count() + " labels");
        }
        byte[] pixels = images.pixels();
        float[] features = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) features[i] = pixels[i] & 0xFF;
        return ExampleSet.wrap(features, labels.values().clone(), images.rows(), images.columns(), 1, numClasses);
    }

    private static InputStream open(Path file) {
        if (Files.isDirectory(file)) throw new DataException("not a file but a folder: " + file);
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataException("file not found: " + file, e);
        } catch (IOException e) {
            throw new DataException("cannot open " + file + ": " + describe(e), e);
        }
    }

    // One large buffer under the inflater keeps a 10,000-image file well under a second; decompression then writes
    // straight into the result array.
    private static InputStream decompressed(InputStream stream) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream, BUFFER_BYTES);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        boolean gzip = first == 0x1f && second == 0x8b;
        return gzip ? new GZIPInputStream(in, BUFFER_BYTES) : in;
    }

    // The magic number is checked before the length, so a short label file passed as images is named for what it is.
    private static byte[] readHeader(InputStream in, int length, int magic, String kind, String fileName)
            throws IOException {
        byte[] header = in.readNBytes(length);
        if (header.length == 0) throw new DataException(fileName + ": file is empty");
        if (header.length >= 4) checkMagic(header, magic, kind, fileName);
        if (header.length < length) {
            throw new DataException(fileName + ": file is truncated: the header needs " + length + " bytes, found "
                    + header.length);
        }
        return header;
    }

    private static void checkMagic(byte[] header, int expected, String kind, String fileName) {
        int magic = (int) unsignedInt(header, 0);
        if (magic == expected) return;
        String message = String.format("%s: not an IDX %s file (magic number 0x%08x, expected 0x%08x)",
                fileName, kind, magic, expected);
        // Swapping the image and label files is the easy mistake; say so.
        if (magic == LABEL_MAGIC) message += "; it looks like a label file";
        if (magic == IMAGE_MAGIC) message += "; it looks like an image file";
        throw new DataException(message);
    }

    private static byte[] readBody(InputStream in, int length, String what, String fileName) throws IOException {
        byte[] body = new byte[length];
        int found = in.readNBytes(body, 0, length);
        if (found < length) {
            throw new DataException(fileName + ": file is truncated: expected " + length + " " + what
                    + " bytes after the header, found " + found);
        }
        // Reading to the end also makes a gzip stream check its trailer, which catches corrupt data the inflater let
        // through.
        long extra = 0;
        byte[] rest = new byte[BUFFER_BYTES];
        for (int n; (n = in.read(rest)) != -1; ) extra += n;
        if (extra > 0) log.warn("{}: ignoring {} bytes after the {} data", fileName, extra, what);
        return body;
    }

    private static long unsignedInt(byte[] b, int offset) {
        return ((b[offset] & 0xFFL) << 24) | ((b[offset + 1] & 0xFFL) << 16) | ((b[offset + 2] & 0xFFL) << 8)
                | (b[offset + 3] & 0xFFL);
    }

    private static DataException cannotRead(String fileName, IOException e) {
        if (e instanceof ZipException) {
            return new DataException(fileName + ": corrupt gzip data (" + describe(e) + ")", e);
        }
        if (e instanceof EOFException) {
            return new DataException(fileName + ": file is truncated: the gzip data ends early", e);
        }
        return new DataException(fileName + ": cannot read the file (" + describe(e) + ")", e);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
