package org.vertreg.registration;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.vertreg.drr.DrrRenderer;
import org.vertreg.drr.SimulatedXrays;
import org.vertreg.drr.VertebraOutline;
import org.vertreg.geometry.CarmGeometry;
import org.vertreg.geometry.Pose;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.OverlayImage;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.Radiograph;
import org.vertreg.imaging.Volume;

/**
 * One projection X-ray registered to one vertebra of a CT, as {@code register} and the node's registration job do it:
 * the X-ray resampled onto the network's detector about the vertebra, the network's pose, refinement against DRRs of
 * what the model was trained on, on the X-ray's own C-arm, and the quality score.
 */
public final class XrayRegistration {

    /**
     * @param outcome   both poses, the refinement, the quality, the stage times
     * @param resampled the X-ray on the network's detector, with the C-arm it was taken with and every default used
     * @param quality   the quality model that scored it (its threshold marks low confidence)
     * @param resampleMs time to put the X-ray on the detector
     */
    public record Result(VertebraRegistration.Outcome outcome, DetectorResampling.Resampled resampled, QualityModel quality,
                         double resampleMs) {
    }

    private XrayRegistration() {
    }

    /**
     * @param crop      the vertebra (its centroid is the centre of the pose)
     * @param projected what the refinement's DRRs show ({@code anatomy}: the vertebra alone or the whole CT)
     * @param centre    the X-ray pixel (column, row) over the vertebra, or null for the X-ray's centre
     */
    public static Result register(Radiograph xray, CroppedVertebra crop, Volume projected, ProjectedAnatomy anatomy, PoseEstimator network,
            Similarity similarity, double[] centre) {
        Objects.requireNonNull(xray, "xray");
        long t0 = System.nanoTime();
        CarmGeometry modelCarm = CarmGeometry.defaults(crop.centroid());
        DetectorResampling.Resampled resampled = centre == null ? DetectorResampling.onto(xray, modelCarm)
                : DetectorResampling.onto(xray, modelCarm, centre[0], centre[1]);
        double resampleMs = (System.nanoTime() - t0) / 1e6;
        SimulatedXrays xrays = SimulatedXrays.of(anatomy, projected, crop.centroid(), resampled.carm());
        QualityModel quality = QualityModel.calibrated(anatomy);
        VertebraRegistration.Outcome outcome = new VertebraRegistration(network,
                new IntensityRefinement(xrays, IntensityRefinement.Options.defaults(similarity, anatomy)), quality)
                .register(resampled.grey(), modelCarm);
        return new Result(outcome, resampled, quality, resampleMs);
    }

    /**
     * The resampled X-ray enlarged {@code scale} times, the vertebra's outline at the network's pose (yellow) and at the
     * refined pose (green), and a legend: the vertebra, the refined pose, the quality.
     */
    public static OverlayImage overlay(Result r, CroppedVertebra crop, String vertebra, int scale) {
        // The outline needs the vertebra on air: the labelled vertebra alone; around a point, the projected cube holds soft
        // tissue and neighbours, so its bone near the point stands in for the vertebra.
        CarmGeometry carm = r.resampled().carm();
        SimulatedXrays bone = crop.labelId() != 0 ? new SimulatedXrays(crop.vertebraAlone(), crop.centroid(), carm, new DrrRenderer())
                : new SimulatedXrays(TargetPoints.boneNear(crop.volume(), crop.centroid()), crop.centroid(), carm, new DrrRenderer());
        VertebraRegistration.Outcome o = r.outcome();
        VertebraOutline first = VertebraOutline.at(bone, o.first(), scale);
        VertebraOutline refined = VertebraOutline.at(bone, o.refined(), scale);
        List<String> legend = new ArrayList<>();
        legend.add("vertebra " + vertebra);
        legend.add("refined " + format(o.refined()));
        legend.add(String.format(Locale.ROOT, "quality %.2f%s", o.quality().score(), o.quality().lowConfidence() ? "  LOW CONFIDENCE" : ""));
        return OverlayImage.of(r.resampled().grey(), carm.columns(), carm.rows(), scale)
                .outline(first.edge(), first.columns(), first.rows(), Color.YELLOW, "network")
                .outline(refined.edge(), refined.columns(), refined.rows(), Color.GREEN, "refined")
                .legend(legend);
    }

    /** rx ry rz in degrees, tx ty tz in mm. */
    public static String format(Pose p) {
        return String.format(Locale.ROOT, "rx %.2f ry %.2f rz %.2f deg, tx %.2f ty %.2f tz %.2f mm", p.rx(), p.ry(), p.rz(), p.tx(),
                p.ty(), p.tz());
    }
}
