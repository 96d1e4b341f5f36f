package org.vertreg.model.network;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a busy training process does between a forward and a backward pass, made to happen every time: a garbage
 * collection that frees unreachable direct buffers, then fresh native allocations filled with NaN bit patterns, which
 * take the freed blocks. A tensor that still points into a freed buffer then reads NaN or garbage instead of its value.
 */
final class FreedMemory {

    private FreedMemory() {
    }

    static void collectAndReuse() {
        System.gc();
        try {
            Thread.sleep(50); // the cleaner thread frees the collected buffers' memory
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> fillers = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4 << (i % 6));
            while (b.remaining() >= 4) {
                b.putInt(0x7fc0_0000 + i);
            }
            fillers.add(b);
        }
        for (int i = 0; i < 40; i++) { // and blocks the size of feature maps
            ByteBuffer b = ByteBuffer.allocateDirect(1 << (16 + i % 7));
            while (b.remaining() >= 4) {
                b.putInt(0x7fc0_0000 + i);
            }
            fillers.add(b);
        }
        fillers.clear();
    }
}
