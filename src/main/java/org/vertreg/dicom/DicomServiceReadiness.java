package org.vertreg.dicom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the DICOM listener accepts associations (PostgreSQL readiness comes with the datasource). */
@Readiness
@ApplicationScoped
public class DicomServiceReadiness implements HealthCheck {
    @Inject
    DicomScp scp;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("dicom-scp").status(scp.isListening())
                .withData("aeTitle", String.valueOf(scp.aeTitle())).withData("port", scp.port()).build();
    }
}
