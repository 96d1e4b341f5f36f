package org.vertreg.imaging;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A grey image enlarged by a whole factor with coloured outlines and a legend drawn over it, as RGB: what a person checks
 * a registration by (the X-ray with the vertebra's outline at each pose), and what becomes an overlay image elsewhere.
 * Outlines are drawn in the order given, later ones on top; the legend sits in the top-left corner on a dark box, one
 * colour key per outline and then the given lines.
 *
 * <pre>{@code OverlayImage.of(grey, 128, 128, 4).outline(edge, 512, 512, Color.GREEN, "refined").legend(lines).writePng(file)}</pre>
 *
 * <p>Drawn with Java2D on an image in memory, so it needs no display; the node runs headless.
 */
public final class OverlayImage {

    static {
        // Before anything touches AWT: a server has no display, and fonts are all the legend needs.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Largest enlargement: an overlay of a 128-pixel detector at ×32 is already 4096 pixels wide. */
    public static final int MAX_SCALE = 32;

    private record Key(Color colour, String label) {}

    private final BufferedImage image;
    private final List<Key> keys = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    private OverlayImage(BufferedImage image) {
        this.image = image;
    }

    /**
     * @param grey    {@code columns × rows} grey values, row-major, 0 black to 255 white (clamped, NaN black)
     * @param scale   each grey pixel becomes a {@code scale × scale} block
     */
    public static OverlayImage of(float[] grey, int columns, int rows, int scale) {
        Objects.requireNonNull(grey, "grey");
        if (columns < 1 || rows < 1 || grey.length != (long) columns * rows) {
            throw new IllegalArgumentException(grey.length + " grey values are not " + columns + "x" + rows);
        }
        if (scale < 1 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale must be between 1 and " + MAX_SCALE + ", got " + scale);
        }
        BufferedImage image = new BufferedImage(columns * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows * scale; r++) {
            for (int c = 0; c < columns * scale; c++) {
                float g = grey[(r / scale) * columns + c / scale];
                int v = Float.isNaN(g) ? 0 : Math.max(0, Math.min(255, Math.round(g)));
                image.setRGB(c, r, v << 16 | v << 8 | v);
            }
        }
        return new OverlayImage(image);
    }

    /**
     * Paints the true pixels of {@code mask} ({@code maskColumns × maskRows}, row-major, over the same field as the grey
     * image) in {@code colour}. A mask as fine as the enlarged image paints pixel for pixel; a coarser one paints each
     * of its pixels as the block it covers.
     *
     * @param label what the colour means, shown in the legend (null or blank: no key)
     */
    public OverlayImage outline(boolean[] mask, int maskColumns, int maskRows, Color colour, String label) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(colour, "colour");
        if (maskColumns < 1 || maskRows < 1 || mask.length != (long) maskColumns * maskRows) {
            throw new IllegalArgumentException(mask.length + " mask values are not " + maskColumns + "x" + maskRows);
        }
        int width = image.getWidth(), height = image.getHeight();
        int rgb = colour.getRGB() & 0xFFFFFF;
        for (int mr = 0; mr < maskRows; mr++) {
            for (int mc = 0; mc < maskColumns; mc++) {
                if (!mask[mr * maskColumns + mc]) {
                    continue;
                }
                // the image pixels whose centres the mask pixel covers, at least one
                int c0 = (int) ((long) mc * width / maskColumns), c1 = Math.max(c0 + 1, (int) ((long) (mc + 1) * width / maskColumns));
                int r0 = (int) ((long) mr * height / maskRows), r1 = Math.max(r0 + 1, (int) ((long) (mr + 1) * height / maskRows));
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        image.setRGB(c, r, rgb);
                    }
                }
            }
        }
        if (label != null && !label.isBlank()) {
            keys.add(new Key(colour, label));
        }
        return this;
    }

    /** Lines of text for the legend, after the outlines' keys (each call adds to those given before). */
    public OverlayImage legend(List<String> text) {
        for (String line : Objects.requireNonNull(text, "text")) {
            lines.add(Objects.requireNonNull(line, "legend line"));
        }
        return this;
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }

    /** The picture with its legend, a new image each call. */
    public BufferedImage toRgb() {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
            if (!keys.isEmpty() || !lines.isEmpty()) {
                drawLegend(g);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    public void writePng(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(toRgb(), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private void drawLegend(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        // about 40 lines' height on the image, readable at 512 pixels and not overwhelming at 128
        int size = Math.max(9, Math.min(14, image.getHeight() / 40));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        FontMetrics m = g.getFontMetrics();
        int pad = 4, lineHeight = m.getHeight(), swatch = m.getAscent();
        List<String> texts = new ArrayList<>();
        keys.forEach(k -> texts.add(k.label()));
        texts.addAll(lines);
        int textWidth = 0;
        for (int i = 0; i < texts.size(); i++) {
            textWidth = Math.max(textWidth, m.stringWidth(texts.get(i)) + (i < keys.size() ? swatch + pad : 0));
        }
        g.setColor(new Color(0, 0, 0, 170));
        g.fillRect(0, 0, Math.min(image.getWidth(), textWidth + 2 * pad), lineHeight * texts.size() + 2 * pad);
        for (int i = 0; i < texts.size(); i++) {
            int baseline = pad + i * lineHeight + m.getAscent();
            int x = pad;
            if (i < keys.size()) {
                g.setColor(keys.get(i).colour());
                g.fillRect(x, baseline - swatch + 1, swatch - 2, swatch - 2);
                x += swatch + pad;
            }
            g.setColor(Color.WHITE);
            g.drawString(texts.get(i), x, baseline);
        }
    }
}
