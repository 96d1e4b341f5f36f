package org.vertreg.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * {@code training.png}: training loss, validation loss and validation MAE against epochs, on a logarithmic loss axis
 * (the losses fall over decades). Drawn with Java2D, headless.
 */
public final class LossPlot {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    private static final int LEFT = 70, RIGHT = 20, TOP = 40, BOTTOM = 50;

    private LossPlot() {
    }

    public static void write(List<TrainingLog.Row> rows, Path png) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.BLACK);
            g.drawString("L1 loss (normalised pose) per epoch", LEFT, 20);
            if (!rows.isEmpty()) {
                draw(g, rows);
            }
        } finally {
            g.dispose();
        }
        Path temp = png.resolveSibling(png.getFileName() + ".tmp");
        if (!ImageIO.write(image, "png", temp.toFile())) {
            throw new IOException("no PNG writer");
        }
        Files.move(temp, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void draw(Graphics2D g, List<TrainingLog.Row> rows) {
        double maxEpoch = Math.max(1, rows.get(rows.size() - 1).epoch());
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (TrainingLog.Row r : rows) {
            for (double v : new double[] {r.trainLoss(), r.validationLoss(), r.validationMae()}) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo < Double.POSITIVE_INFINITY)) {
            return;
        }
        double logLo = Math.floor(Math.log10(lo)), logHi = Math.max(logLo + 1, Math.ceil(Math.log10(hi)));
        Axes axes = new Axes(maxEpoch, logLo, logHi);
        axes.drawFrame(g);
        plot(g, rows, axes, TrainingLog.Row::trainLoss, new Color(0x1f77b4), false);
        plot(g, rows, axes, TrainingLog.Row::validationLoss, new Color(0xd62728), false);
        plot(g, rows, axes, TrainingLog.Row::validationMae, new Color(0x2ca02c), true);
        legend(g, new String[] {"training loss", "validation loss", "validation MAE (main head)"},
                new Color[] {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)});
    }

    private static void plot(Graphics2D g, List<TrainingLog.Row> rows, Axes axes, ToDoubleFunction<TrainingLog.Row> value, Color colour,
            boolean dashed) {
        Path2D.Double line = new Path2D.Double();
        boolean started = false;
        for (TrainingLog.Row r : rows) {
            double v = value.applyAsDouble(r);
            if (!(v > 0) || !Double.isFinite(v)) {
                continue;
            }
            double x = axes.x(r.epoch()), y = axes.y(v);
            if (started) {
                line.lineTo(x, y);
            } else {
                line.moveTo(x, y);
                started = true;
            }
            g.setColor(colour);
            g.fillOval((int) x - 2, (int) y - 2, 5, 5);
        }
        g.setColor(colour);
        g.setStroke(dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {6, 4}, 0)
                : new BasicStroke(1.5f));
        g.draw(line);
        g.setStroke(new BasicStroke(1));
    }

    private static void legend(Graphics2D g, String[] names, Color[] colours) {
        int x = WIDTH - RIGHT - 200, y = TOP + 15;
        for (int i = 0; i < names.length; i++) {
            g.setColor(colours[i]);
            g.fillRect(x, y + 18 * i - 8, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(names[i], x + 20, y + 18 * i);
        }
    }

    /** Epochs from 0 to {@code maxEpoch} across, losses from 10^logLo to 10^logHi up. */
    private record Axes(double maxEpoch, double logLo, double logHi) {

        double x(double epoch) {
            return LEFT + epoch / maxEpoch * (WIDTH - LEFT - RIGHT);
        }

        double y(double loss) {
            return HEIGHT - BOTTOM - (Math.log10(loss) - logLo) / (logHi - logLo) * (HEIGHT - TOP - BOTTOM);
        }

        void drawFrame(Graphics2D g) {
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
            for (int e = (int) logLo; e <= (int) logHi; e++) {
                for (int m : new int[] {1, 2, 5}) {
                    double v = m * Math.pow(10, e);
                    if (Math.log10(v) > logHi + 1e-9) {
                        continue;
                    }
                    int y = (int) Math.round(y(v));
                    g.setColor(m == 1 ? Color.LIGHT_GRAY : new Color(0xeeeeee));
                    g.drawLine(LEFT + 1, y, WIDTH - RIGHT - 1, y);
                    g.setColor(Color.BLACK);
                    g.drawString(String.format(Locale.ROOT, "%.0e", v), 8, y + 4);
                }
            }
            int step = Math.max(1, (int) Math.pow(10, Math.floor(Math.log10(maxEpoch))) / (maxEpoch < 5 ? 1 : 2));
            for (int e = 0; e <= maxEpoch; e += step) {
                int x = (int) Math.round(x(e));
                g.drawLine(x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 4);
                g.drawString(Integer.toString(e), x - 4, HEIGHT - BOTTOM + 18);
            }
            g.drawString("epoch", WIDTH / 2 - 15, HEIGHT - 12);
        }
    }
}
