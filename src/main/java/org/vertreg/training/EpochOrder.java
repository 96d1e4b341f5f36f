package org.vertreg.training;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the training samples: a shuffle that depends only on the seed and the epoch, so a
 * resumed run visits the samples of its epoch in the order the interrupted run would have.
 */
final class EpochOrder {

    private EpochOrder() {
    }

    /** A permutation of 0 … size − 1 (Fisher–Yates) drawn from (seed, epoch). */
    static int[] of(int size, long seed, int epoch) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E37_79B9_7F4A_7C15L + epoch).split();
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
