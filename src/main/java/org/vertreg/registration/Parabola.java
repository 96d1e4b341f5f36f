package org.vertreg.registration;

import org.apache.commons.math3.fitting.PolynomialCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;

/** The least-squares parabola through samples (Commons Math's polynomial fitter). */
final class Parabola {
    private Parabola() {
    }

    /** Coefficients c0, c1, c2 of c0 + c1·x + c2·x² fitted to (x_i, y_i). */
    static double[] fit(double[] x, double[] y) {
        if (x.length != y.length || x.length < 3) {
            throw new IllegalArgumentException("a parabola needs three or more (x, y) pairs, got " + x.length + " and " + y.length);
        }
        WeightedObservedPoints points = new WeightedObservedPoints();
        for (int i = 0; i < x.length; i++) {
            points.add(x[i], y[i]);
        }
        return PolynomialCurveFitter.create(2).fit(points.toList());
    }
}
