package org.perceptrix.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsImageDimensionsAndPixels() {
        Path file = IdxFiles.write(dir, "images.idx", IdxFiles.images(3, 2, 4));

        IdxReader.Images images = IdxReader.readImages(file);

        assertThat(images.fileName()).isEqualTo("images.idx");
        assertThat(images.count()).isEqualTo(3);
        assertThat(images.rows()).isEqualTo(2);
        assertThat(images.columns()).isEqualTo(4);
        assertThat(images.pixels()).hasSize(24);
        assertThat(images.pixels()[8 + 5]).isEqualTo((byte) 6);
    }

    @Test
    void readsGzipFileTheSameAsPlainWhateverItsName() {
        byte[] plain = IdxFiles.images(5, 3, 3);
        Path plainFile = IdxFiles.write(dir, "plain.gz", plain);
        Path gzipFile = IdxFiles.write(dir, "compressed.idx", IdxFiles.gzip(plain));

        IdxReader.Images fromPlain = IdxReader.readImages(plainFile);
        IdxReader.Images fromGzip = IdxReader.readImages(gzipFile);

        assertThat(fromGzip.count()).isEqualTo(fromPlain.count());
        assertThat(fromGzip.rows()).isEqualTo(fromPlain.rows());
        assertThat(fromGzip.columns()).isEqualTo(fromPlain.columns());
        assertThat(fromGzip.pixels()).isEqualTo(fromPlain.pixels());
    }

    @Test
    void readsLabelsAsUnsignedValues() {
        Path file = IdxFiles.write(dir, "labels.idx", IdxFiles.gzip(IdxFiles.labels(7, 2, 1, 200)));

        assertThat(IdxReader.readLabels(file).values()).containsExactly(7, 2, 1, 200);
    }

    @Test
    void readsFromAStreamNamedByTheCaller() {
        IdxReader.Labels labels = IdxReader.readLabels(new ByteArrayInputStream(IdxFiles.labels(4, 2)), "bundled.gz");

        assertThat(labels.fileName()).isEqualTo("bundled.gz");
        assertThat(labels.values()).containsExactly(4, 2);
    }

    @Test
    void pairsImagesWithLabelsAsRawPixelExamples() {
        byte[] bytes = IdxFiles.images(2, 2, 2);
        bytes[16] = (byte) 255;
        Path images = IdxFiles.write(dir, "images.idx", bytes);
        Path labels = IdxFiles.write(dir, "labels.idx", IdxFiles.labels(3, 1));

        ExampleSet examples = IdxReader.readExamples(images, labels);

        assertThat(examples.size()).isEqualTo(2);
        assertThat(examples.height()).isEqualTo(2);
        assertThat(examples.width()).isEqualTo(2);
        assertThat(examples.channels()).isEqualTo(1);
        assertThat(examples.numClasses()).isEqualTo(4);
        assertThat(examples.copyFeatures(0)).containsExactly(255f, 1f, 2f, 3f);
        assertThat(examples.copyFeatures(1)).containsExactly(1f, 2f, 3f, 4f);
        assertThat(examples.labels()).containsExactly(3, 1);
    }

    @Test
    void rejectsImageFileWithWrongMagic() {
        Path file = IdxFiles.write(dir, "t10k-images.gz", IdxFiles.gzip(IdxFiles.labels(1, 2, 3)));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(
                        "t10k-images.gz: not an IDX image file (magic number 0x00000801, expected 0x00000803)")
                .hasMessageContaining("label file");
    }

    @Test
    void rejectsLabelFileWithWrongMagic() {
        Path file = IdxFiles.write(dir, "labels.idx", IdxFiles.header(0x12345678, 1, 2, 3));

        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .isInstanceOf(DataException.class)
                .hasMessage("labels.idx: not an IDX label file (magic number 0x12345678, expected 0x00000801)");
    }

    @Test
    void rejectsTruncatedHeader() {
        Path file = IdxFiles.write(dir, "short.idx", Arrays.copyOf(IdxFiles.images(1, 2, 2), 10));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessage("short.idx: file is truncated: the header needs 16 bytes, found 10");
    }

    @Test
    void rejectsEmptyFile() {
        Path file = IdxFiles.write(dir, "empty.idx", new byte[0]);

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessage("empty.idx: file is empty");
    }

    @Test
    void rejectsShortLabelFileGivenAsImagesForItsMagic() {
        Path file = IdxFiles.write(dir, "images.idx", IdxFiles.labels(3));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("images.idx: not an IDX image file");
    }

    @Test
    void rejectsTruncatedPixelData() {
        byte[] whole = IdxFiles.images(10, 28, 28);
        Path file = IdxFiles.write(dir, "train-images.gz", IdxFiles.gzip(Arrays.copyOf(whole, 16 + 1200)));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessage("train-images.gz: file is truncated: expected 7840 pixel bytes after the header, found 1200");
    }

    @Test
    void rejectsTruncatedLabelData() {
        Path file = IdxFiles.write(dir, "labels.idx", Arrays.copyOf(IdxFiles.labels(1, 2, 3, 4), 10));

        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .isInstanceOf(DataException.class)
                .hasMessage("labels.idx: file is truncated: expected 4 label bytes after the header, found 2");
    }

    @Test
    void rejectsGzipFileCutShort() {
        byte[] gzip = IdxFiles.gzip(IdxFiles.images(50, 28, 28));
        Path file = IdxFiles.write(dir, "cut.gz", Arrays.copyOf(gzip, gzip.length / 2));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("cut.gz: file is truncated");
    }

    @Test
    void rejectsGzipFileWithGarbageAfterItsMagic() {
        byte[] bytes = {0x1f, (byte) 0x8b, 42, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        Path file = IdxFiles.write(dir, "broken.gz", bytes);

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("broken.gz: corrupt gzip data");
    }

    @Test
    void rejectsGzipFileWithDamagedContents() {
        byte[] gzip = IdxFiles.gzip(IdxFiles.images(20, 28, 28));
        for (int i = 20; i < gzip.length - 8; i += 7) gzip[i] ^= 0x5a;
        Path file = IdxFiles.write(dir, "damaged.gz", gzip);

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("damaged.gz: ");
    }

    @Test
    void rejectsGzipFileWhoseChecksumDoesNotMatch() {
        byte[] gzip = IdxFiles.gzip(IdxFiles.images(2, 2, 2));
        gzip[gzip.length - 8] ^= 0x01;
        Path file = IdxFiles.write(dir, "checksum.gz", gzip);

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("checksum.gz: corrupt gzip data");
    }

    @ParameterizedTest
    @CsvSource({"0, 28, 28", "10, 0, 28", "10, 28, 0"})
    void rejectsZeroDimensions(int count, int rows, int columns) {
        Path file = IdxFiles.write(dir, "zero.idx", IdxFiles.header(IdxReader.IMAGE_MAGIC, count, rows, columns));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("zero.idx: the header declares")
                .hasMessageContaining("none of these may be 0");
    }

    @Test
    void rejectsAbsurdSideBeforeAllocating() {
        Path file = IdxFiles.write(dir, "huge.idx", IdxFiles.header(IdxReader.IMAGE_MAGIC, 1, 200_000, 28));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("huge.idx: ")
                .hasMessageContaining("more than 100000 on a side");
    }

    @Test
    void rejectsAbsurdTotalBeforeAllocating() {
        // 0xFFFFFFFF images is read as an unsigned 4294967295, not as -1.
        Path file = IdxFiles.write(dir, "many.idx", IdxFiles.header(IdxReader.IMAGE_MAGIC, -1, 28, 28));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("many.idx: the header declares 4294967295 images")
                .hasMessageContaining("fit in memory");
    }

    @Test
    void rejectsTotalTooLargeForALongWithoutOverflowing() {
        Path file = IdxFiles.write(dir, "vast.idx",
                IdxFiles.header(IdxReader.IMAGE_MAGIC, -1, IdxReader.MAX_SIDE, IdxReader.MAX_SIDE));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("fit in memory");
    }

    @Test
    void rejectsLabelFileDeclaringNoLabels() {
        Path file = IdxFiles.write(dir, "none.idx", IdxFiles.labels());

        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .isInstanceOf(DataException.class)
                .hasMessage("none.idx: the header declares 0 labels");
    }

    @Test
    void rejectsImagesAndLabelsOfDifferentCounts() {
        Path images = IdxFiles.write(dir, "train-images.gz", IdxFiles.gzip(IdxFiles.images(3, 2, 2)));
        Path labels = IdxFiles.write(dir, "train-labels.gz", IdxFiles.gzip(IdxFiles.labels(1, 2)));

        assertThatThrownBy(() -> IdxReader.readExamples(images, labels))
                .isInstanceOf(DataException.class)
                .hasMessage("images and labels disagree: train-images.gz has 3 images but train-labels.gz has 2 labels");
    }

    @Test
    void rejectsMissingFileNamingItsPath() {
        Path missing = dir.resolve("x.idx");

        assertThatThrownBy(() -> IdxReader.readImages(missing))
                .isInstanceOf(DataException.class)
                .hasMessage("file not found: " + missing);
    }

    @Test
    void rejectsFolderInsteadOfFile() {
        assertThatThrownBy(() -> IdxReader.readLabels(dir))
                .isInstanceOf(DataException.class)
                .hasMessage("not a file but a folder: " + dir);
    }

    @Test
    void ignoresBytesAfterTheData() {
        byte[] labels = IdxFiles.labels(1, 2);
        byte[] padded = Arrays.copyOf(labels, labels.length + 3);
        Path file = IdxFiles.write(dir, "padded.idx", padded);

        assertThat(IdxReader.readLabels(file).values()).containsExactly(1, 2);
    }
}
