package org.vertreg.dicom;

import com.pixelmed.network.Association;
import java.lang.reflect.Field;
import org.jboss.logging.Logger;

/**
 * PixelMed keeps every released association, and so its thread and its slot, for a fixed 5 s before
 * closing the connection (its ARTIM wait, PS3.8 §9.1.5), and offers no setting for it. A peer closes
 * within milliseconds of the A-RELEASE-RP; 5 s would cap a node with 16 slots at about three
 * associations a second, and modalities often open one association per image.
 */
final class ToolkitTimers {
    private static final Logger LOG = Logger.getLogger(ToolkitTimers.class);
    static final int RELEASE_TO_CLOSE_MS = 500;

    private ToolkitTimers() {
    }

    static void shortenReleaseWait() {
        try {
            Field f = Association.class.getDeclaredField("associationReleaseToTransportConnectionCloseTimeoutInMilliseconds");
            f.setAccessible(true);
            f.setInt(null, RELEASE_TO_CLOSE_MS);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("cannot shorten PixelMed's wait after association release (%s): each association keeps its slot 5 s longer",
                    e.toString());
        }
    }
}
