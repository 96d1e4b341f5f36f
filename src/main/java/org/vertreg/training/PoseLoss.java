package org.vertreg.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import org.vertreg.model.network.Scalars;

/**
 * The method's training loss: L = L1(main) + Σᵢ wᵢ·L1(auxᵢ), each L1 the mean absolute difference over the batch and
 * the 6 normalised pose parameters (PyTorch's {@code L1Loss}). The network's outputs come in the order main, aux1,
 * aux2, …; the weights wᵢ are the caller's (the paper: 0.4, 0.6, 0.8).
 */
public final class PoseLoss {
    private final List<Double> auxWeights;

    public PoseLoss(List<Double> auxWeights) {
        this.auxWeights = List.copyOf(auxWeights);
    }

    /** The weighted loss, a scalar attached to the outputs' manager. */
    public NDArray total(NDList outputs, NDArray truth) {
        if (outputs.size() != 1 + auxWeights.size()) {
            throw new IllegalArgumentException("the network gave " + outputs.size() + " outputs; with " + auxWeights.size()
                    + " auxiliary weights it must give " + (1 + auxWeights.size()));
        }
        NDArray loss = l1(outputs.get(0), truth);
        for (int i = 0; i < auxWeights.size(); i++) {
            loss = loss.add(Scalars.times(l1(outputs.get(i + 1), truth), auxWeights.get(i).floatValue()));
        }
        return loss;
    }

    /** Mean absolute error of the main output: the MAE of DESIGN.md §4 when poses are normalised. */
    public static NDArray mainError(NDList outputs, NDArray truth) {
        return l1(outputs.get(0), truth);
    }

    /** Mean |prediction − truth| over all elements. */
    public static NDArray l1(NDArray prediction, NDArray truth) {
        if (!prediction.getShape().equals(truth.getShape())) {
            throw new IllegalArgumentException("prediction " + prediction.getShape() + " and truth " + truth.getShape() + " differ in shape");
        }
        return prediction.sub(truth).abs().mean();
    }
}
