package org.vertreg.registration;

/**
 * Sobel gradients of a row-major image (x along columns, y along rows), zero on the border: what every gradient-based
 * similarity compares. Magnitudes are kept beside the components since most measures need both.
 */
record ImageGradients(int columns, int rows, float[] gx, float[] gy, float[] magnitude) {

    static ImageGradients of(float[] image, int columns, int rows) {
        if (image.length != columns * rows) {
            throw new IllegalArgumentException("image of " + image.length + " values is not " + columns + "x" + rows);
        }
        float[] gx = new float[image.length], gy = new float[image.length], m = new float[image.length];
        for (int r = 1; r < rows - 1; r++) {
            for (int c = 1; c < columns - 1; c++) {
                int i = r * columns + c;
                float tl = image[i - columns - 1], t = image[i - columns], tr = image[i - columns + 1];
                float l = image[i - 1], rr = image[i + 1];
                float bl = image[i + columns - 1], b = image[i + columns], br = image[i + columns + 1];
                float x = (tr + 2 * rr + br) - (tl + 2 * l + bl);
                float y = (bl + 2 * b + br) - (tl + 2 * t + tr);
                gx[i] = x;
                gy[i] = y;
                m[i] = (float) Math.sqrt(x * x + y * y);
            }
        }
        return new ImageGradients(columns, rows, gx, gy, m);
    }

    int size() {
        return gx.length;
    }
}
