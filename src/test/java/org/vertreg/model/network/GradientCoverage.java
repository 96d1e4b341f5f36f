package org.vertreg.model.network;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vertreg.training.PoseLoss;

/**
 * Whether one backward pass of the training loss gives every learnable parameter of a network a finite, non-zero
 * gradient, from initialisation seeds 1..n (batch of 2 seeded grey images). Used by {@link LgffRegNetworkGradientTest},
 * and run as a benchmark over every variant by bench/gradients.sh (arguments: initialisations, then variant names).
 */
public final class GradientCoverage {
    private GradientCoverage() {
    }

    /** One line per seed that left a parameter without a finite, non-zero gradient; empty when none did. */
    static List<String> failures(LgffRegConfig config, int initialisations) {
        PoseLoss loss = new PoseLoss(Arrays.stream(config.auxiliaryLossWeights()).boxed().toList());
        List<String> failures = new ArrayList<>();
        for (int seed = 1; seed <= initialisations; seed++) {
            try (NDManager m = NDManager.newBaseManager()) {
                LgffRegNetwork network = NetworkFixtures.initialised(config, m, 2, seed);
                NDArray images = NetworkFixtures.greyImages(m, 2, 128, 1000 + seed);
                NDArray target = NetworkFixtures.greyImages(m, 1, 12, seed).reshape(2, 6, 12).get(":, :, 0").div(255f);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(loss.total(NetworkFixtures.forward(network, m, images, true), target));
                }
                List<String> without = new ArrayList<>();
                int learnable = 0;
                for (Pair<String, Parameter> p : network.getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        learnable++;
                        float magnitude = p.getValue().getArray().getGradient().abs().sum().getFloat();
                        if (!(Float.isFinite(magnitude) && magnitude > 0)) {
                            without.add(p.getKey() + " (" + magnitude + ")");
                        }
                    }
                }
                if (learnable <= 50) {
                    failures.add("seed " + seed + ": only " + learnable + " learnable parameters");
                } else if (!without.isEmpty()) {
                    failures.add("seed " + seed + ": " + without);
                }
            }
        }
        return failures;
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        System.out.printf(Locale.ROOT, "%-32s %15s %15s %10s%n", "variant", "initialisations", "seeds failing", "seconds");
        int failing = 0;
        for (String variant : Arrays.copyOfRange(args, 1, args.length)) {
            long start = System.nanoTime();
            List<String> f = failures(LgffRegConfig.ofName(variant), n);
            failing += f.size();
            System.out.printf(Locale.ROOT, "%-32s %15d %15d %10.1f%n", variant, n, f.size(), (System.nanoTime() - start) / 1e9);
            f.forEach(line -> System.out.println("  " + line));
        }
        System.exit(failing == 0 ? 0 : 1);
    }
}
