package org.vertreg.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter; PyTorch's {@code AdamW}), written out over NDArrays because
 * DJL's own optimisers keep their moments where a checkpoint cannot reach them. A resumed run needs the moments and
 * the step count to continue exactly.
 *
 * <p>Per parameter p with gradient g, at step t: p ← p − η·λ·p (weights only), m ← β₁m + (1 − β₁)g,
 * v ← β₂v + (1 − β₂)g², p ← p − η·m̂ / (√v̂ + ε) with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ). Biases and normalisation
 * scales and shifts are not decayed, as is usual. Gradients are zeroed after the update (PyTorch accumulates them).
 * The caller makes sure every gradient is finite: this step does not look.
 */
final class AdamW {
    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;
    private static final int FORMAT = 1;

    private final double weightDecay;
    private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
    private long steps;

    AdamW(double weightDecay) {
        this.weightDecay = weightDecay;
    }

    long steps() {
        return steps;
    }

    /** One update of every trainable parameter that received a gradient, at learning rate {@code rate}. */
    void step(PairList<String, Parameter> parameters, double rate) {
        steps++;
        // Scalars go to the engine as float: a double would make float64 temporaries.
        float correction1 = (float) (1 - Math.pow(BETA1, steps));
        float correction2 = (float) (1 - Math.pow(BETA2, steps));
        for (var entry : parameters) {
            Parameter parameter = entry.getValue();
            NDArray p = parameter.getArray();
            if (!parameter.requiresGradient() || !p.hasGradient()) {
                continue;
            }
            NDArray[] mv = moments.computeIfAbsent(entry.getKey(), k -> new NDArray[] {p.zerosLike(), p.zerosLike()});
            try (NDArray g = p.getGradient(); NDArray g1 = g.mul(1 - BETA1); NDArray g2 = g.square().muli(1 - BETA2);
                    NDArray mHat = mv[0].muli(BETA1).addi(g1).div(correction1);
                    NDArray vHat = mv[1].muli(BETA2).addi(g2).div(correction2); NDArray denominator = vHat.sqrt().addi(EPSILON);
                    NDArray update = mHat.div(denominator)) {
                if (weightDecay > 0 && parameter.getType() == Parameter.Type.WEIGHT) {
                    p.muli((float) (1 - rate * weightDecay));
                }
                p.subi(update.muli((float) rate));
                Gradients.zero(p);
            }
        }
    }

    void save(DataOutputStream out) throws IOException {
        out.writeInt(FORMAT);
        out.writeLong(steps);
        out.writeInt(moments.size());
        for (Map.Entry<String, NDArray[]> e : moments.entrySet()) {
            out.writeUTF(e.getKey());
            out.write(e.getValue()[0].encode());
            out.write(e.getValue()[1].encode());
        }
    }

    /** Replaces the state with the one {@link #save} wrote; the moments are created in {@code manager}. */
    void load(DataInputStream in, NDManager manager, PairList<String, Parameter> parameters) throws IOException {
        if (in.readInt() != FORMAT) {
            throw new IOException("unknown optimiser state format");
        }
        steps = in.readLong();
        int n = in.readInt();
        moments.values().forEach(mv -> {
            mv[0].close();
            mv[1].close();
        });
        moments.clear();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            if (!parameters.contains(name)) {
                throw new IOException("the optimiser state holds moments of " + name + ", which the network lacks");
            }
            moments.put(name, new NDArray[] {manager.decode(in), manager.decode(in)});
        }
    }
}
