/**
 * Geometry conventions of the node (DESIGN.md §1 and §2), stated once here and in GEOMETRY.md.
 *
 * All geometry lives in {@code org.vertreg.geometry} ({@code Vector3}, {@code RigidTransform}, {@code Pose}, {@code PoseError}, {@code CarmGeometry},
 * {@code PixelPoint}); no other package re-derives these conventions.
 * <p>
 * <b>Coordinates.</b> Patient coordinates are DICOM LPS in mm: +x toward the patient's left, +y posterior, +z superior
 * (head). NIfTI input (RAS) is converted to LPS on load. A vertebra frame has its origin at the vertebra's centroid and
 * axes parallel to the patient axes.
 * <p>
 * <b>Rigid transforms.</b> {@code RigidTransform} is x' = R·x + t with R a proper rotation (orthonormal, det = +1, checked to
 * 1e-6; NaN and infinities refused). Composition reads in the order things happen: {@code a.then(b)} applies {@code a} first, then
 * {@code b} (matrix M_b·M_a); {@code (a.then(b)).inverse()} equals {@code b.inverse().then(a.inverse())}. {@code toMatrix4()} gives the
 * homogeneous 4×4 matrix row-major (16 values, last row 0 0 0 1).
 * <p>
 * <b>Pose.</b> p = (rx, ry, rz, tx, ty, tz): rotations in degrees about the x (L), y (P), z (S) axes through the centroid c,
 * right-handed, composed R = Rz·Ry·Rx (rx acts first); translation in mm along the same axes. The pose maps a CT point of
 * the vertebra into the C-arm's world: x' = R·(x − c) + c + t, so the centroid moves by exactly t. Examples: rx = 90°
 * turns S into A; ry = 90° turns S into L; rz = 90° turns L into P. The identity pose is the reference view.
 * Read back from a matrix, rx and rz lie in [−180°, 180°] and ry in [−90°, 90°]; at gimbal lock (cos ry &lt; 1e-9) rz is
 * set to 0 and rx carries the whole turn.
 * <p>
 * <b>Normalisation.</b> The network and the MAE use (rx, ry, rz) / 18° and (tx, ty, tz) / 10 mm, in that order.
 * <p>
 * <b>Errors.</b> {@code Pose.errorTo} reports per-axis absolute differences (angles taken around the circle, so 179° and −179°
 * differ by 2°), the angle of the relative rotation R_aᵀ·R_b in degrees (independent of the Euler convention) and the
 * distance between centroid positions in mm.
 * <p>
 * <b>C-arm.</b> A pinhole: point source, flat detector, both turning about the isocentre (= the vertebra centroid at the
 * identity pose). Defaults: source-to-detector (SDD) 1000 mm, source-to-isocentre (SOD) 600 mm, 128 × 128 pixels of
 * 1.0 mm; magnification at the isocentre SDD/SOD ≈ 1.67, pixel size at the isocentre spacing·SOD/SDD = 0.6 mm
 * (≈ 77 mm field).
 * <p>
 * <b>Reference view.</b> Antero-posterior as a C-arm stands with the tube under the table: source at
 * isocentre + SOD·(0, +1, 0) (posterior), detector centre at isocentre − (SDD − SOD)·(0, +1, 0) (anterior), beam toward
 * anterior (radiographically a posterior-to-anterior pass).
 * <p>
 * <b>Image axes.</b> The image is shown as seen from the source looking toward the detector, head up. Pixel coordinates
 * are continuous with integer values at pixel centres; (0, 0) is the first pixel of the first row as stored, the detector
 * centre is ((columns − 1)/2, (rows − 1)/2) = (63.5, 63.5) by default. In the reference view increasing column points
 * to the patient's <b>right</b> (−x) and increasing row to the <b>feet</b> (−z); column axis × row axis = beam direction.
 * A point d mm to the patient's left in the isocentre plane lands d·SDD/SOD/spacing pixels toward lower columns.
 * <p>
 * <b>Patient Orientation (0020,0020).</b> Reference view: {@code R\F} (first value: direction of the rows, i.e. of increasing
 * column; second: direction of the columns, i.e. of increasing row). Other views get their letters from the rotated axes,
 * largest component first (e.g. primary +90°: {@code A\F}).
 * <p>
 * <b>Positioner angles.</b> As DICOM defines them for XA, they place the detector: Positioner Primary Angle α turns the
 * source–detector pair about the patient's S axis through the isocentre, +90° putting the detector at the patient's left
 * (LAO 90) and the source at the right; Positioner Secondary Angle β then tilts it in the sagittal plane, +90° putting the
 * detector toward the head (cranial). Detector direction from the isocentre: (cos β·sin α, −cos β·cos α, sin β);
 * 0°/0° is the reference view. Ranges: α in [−180°, 180°], β in [−90°, 90°].
 */
package org.vertreg.geometry;
