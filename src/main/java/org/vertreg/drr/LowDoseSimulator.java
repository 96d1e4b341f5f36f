package org.vertreg.drr;

import java.util.SplittableRandom;
import org.vertreg.imaging.GaussianBlur;

/**
 * Turns a clean grey DRR (0..255, see {@link DrrImageMapping}) into a simulated low-dose X-ray, in
 * the order the paper describes: (1) fog, a white layer blended with noise, mixed in at the fog
 * strength; (2) random artefacts, scaled and Gaussian-blurred, added; (3) a 5×5 Gaussian blur;
 * (4) contrast and brightness. The result is clamped to 0..255 and rounded to integers, like an 8-bit
 * image. Parameters come from {@link LowDoseParameters#draw}; the same seed gives the identical image.
 */
public final class LowDoseSimulator {

    private LowDoseSimulator() {
    }

    /** Draws parameters and fog noise from {@code seed}; returns a new image. */
    public static float[] simulate(float[] grey, int width, int height, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LowDoseParameters p = LowDoseParameters.draw(rnd);
        return simulate(grey, width, height, p, rnd);
    }

    /** Applies given parameters; {@code noise} supplies the fog's per-pixel noise. Returns a new image. */
    public static float[] simulate(float[] grey, int width, int height, LowDoseParameters p, SplittableRandom noise) {
        if (width <= 0 || height <= 0 || grey.length != width * height) {
            throw new IllegalArgumentException("image of " + grey.length + " values is not " + width + "x" + height);
        }
        float[] img = grey.clone();
        fog(img, p.fogStrength(), p.fogNoise(), noise);
        for (LowDoseParameters.Artefact a : p.artefacts()) {
            addArtefact(img, width, height, a);
        }
        img = blur5x5(img, width, height, p.blurSigma());
        float c = (float) p.contrast(), b = (float) p.brightness();
        for (int i = 0; i < img.length; i++) {
            float g = (img[i] - 127.5f) * c + 127.5f + b;
            img[i] = Math.round(Math.max(0f, Math.min(255f, g)));
        }
        return img;
    }

    /** img = (1 − f)·img + f·(255·(1 − n) + 255·n·U), U uniform [0, 1) per pixel. */
    static void fog(float[] img, double strength, double noiseMix, SplittableRandom rnd) {
        for (int i = 0; i < img.length; i++) {
            double layer = 255 * (1 - noiseMix) + 255 * noiseMix * rnd.nextDouble();
            img[i] = (float) ((1 - strength) * img[i] + strength * layer);
        }
    }

    /** Rasterises the artefact's shape (1 inside, 0 outside), blurs it and adds it times its amplitude. */
    static void addArtefact(float[] img, int w, int h, LowDoseParameters.Artefact a) {
        double scale = Math.max(w, h);
        double cx = a.centreX() * w, cy = a.centreY() * h, size = a.size() * scale;
        double ux = Math.cos(a.angle()), uy = Math.sin(a.angle());
        float[] mask = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double rx = x - cx, ry = y - cy;
                boolean inside;
                if (a.streak()) {
                    double along = Math.max(-size / 2, Math.min(size / 2, rx * ux + ry * uy));
                    double ex = rx - along * ux, ey = ry - along * uy;
                    inside = ex * ex + ey * ey <= a.width() * a.width() / 4;
                } else {
                    inside = rx * rx + ry * ry <= size * size;
                }
                mask[y * w + x] = inside ? 1f : 0f;
            }
        }
        float[] soft = GaussianBlur.of(a.blurSigma()).apply(mask, w, h);
        float amp = (float) a.amplitude();
        for (int i = 0; i < img.length; i++) {
            img[i] += amp * soft[i];
        }
    }

    /** The 5×5 Gaussian blur (σ in pixels), edges repeated. */
    static float[] blur5x5(float[] img, int w, int h, double sigma) {
        return new GaussianBlur(sigma, 2).apply(img, w, h);
    }
}
