package org.vertreg.training;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Makes the batches of one pass on background threads, a few ahead of the step that takes them, so that rendering
 * overlaps training. Batches come out in order; a failure to make one is thrown where it is taken.
 */
final class BatchQueue implements AutoCloseable {
    private final ExecutorService pool;
    private final PoseSamples samples;
    private final int[] order;
    private final int batchSize;
    private final int end;
    private final int ahead;
    private final Deque<Future<Batch>> pending = new ArrayDeque<>();
    private int nextToSubmit;

    /**
     * Batches {@code first} … {@code end − 1}, batch b holding samples {@code order[b·batchSize …]} (the last one
     * possibly shorter when {@code order.length} is not a multiple).
     */
    BatchQueue(ExecutorService pool, int ahead, PoseSamples samples, int[] order, int batchSize, int first, int end) {
        this.pool = pool;
        this.samples = samples;
        this.order = order;
        this.batchSize = batchSize;
        this.end = end;
        this.ahead = Math.max(1, ahead);
        this.nextToSubmit = first;
        topUp();
    }

    boolean hasNext() {
        return !pending.isEmpty();
    }

    /** The next batch, waiting for it if it is still being made. */
    Batch next() throws InterruptedException {
        Future<Batch> head = pending.removeFirst();
        topUp();
        try {
            return head.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("making a batch failed", cause);
        }
    }

    private void topUp() {
        while (pending.size() < ahead && nextToSubmit < end) {
            int from = nextToSubmit * batchSize;
            int[] indices = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
            pending.addLast(pool.submit(() -> Batch.of(samples, indices)));
            nextToSubmit++;
        }
    }

    @Override
    public void close() {
        pending.forEach(f -> f.cancel(true));
        pending.clear();
    }
}
