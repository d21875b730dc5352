package org.perceptrix.ui.explorer;

import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Turns an example's raw values (0..255 per channel) into a small picture, scaled up without blurring. */
final class Pictures {
    private Pictures() {
    }

    /** One grey (one channel) or colour (three or more: the first three) image of height × width × channels values. */
    static ImageView of(float[] values, int height, int width, int channels, double scale) {
        int[] argb = new int[height * width];
        for (int i = 0; i < argb.length; i++) {
            int r = clamp(values[i * channels]);
            int g = channels >= 3 ? clamp(values[i * channels + 1]) : r;
            int b = channels >= 3 ? clamp(values[i * channels + 2]) : r;
            argb[i] = 0xff000000 | r << 16 | g << 8 | b;
        }
        WritableImage image = new WritableImage(width, height);
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        ImageView view = new ImageView(image);
        view.setSmooth(false);
        view.setFitWidth(width * scale);
        view.setFitHeight(height * scale);
        return view;
    }

    private static int clamp(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
