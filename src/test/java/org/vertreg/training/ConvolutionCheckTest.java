package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The test JVM runs as bin/vertreg does (pom.xml sets ONEDNN_MAX_CPU_ISA): convolution gradients must come out right. */
class ConvolutionCheckTest {

    @Test
    void float32ConvolutionInputGradientsAgreeWithFloat64() {
        try (NDManager m = NDManager.newBaseManager()) {
            double difference = ConvolutionCheck.largestDifference(m);
            assertTrue(difference < ConvolutionCheck.TOLERANCE, "float32 and float64 input gradients differ by " + difference);
            assertDoesNotThrow(() -> ConvolutionCheck.requireCorrectInputGradients(m));
        }
    }
}
