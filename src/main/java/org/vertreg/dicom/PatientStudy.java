package org.vertreg.dicom;

import static org.vertreg.dicom.DicomAttributes.checkedText;
import static org.vertreg.dicom.DicomAttributes.put;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The Patient and General Study attributes (PS3.3 C.7.1.1, C.7.2.1) of an image, as DICOM text, so that an object the
 * node derives from the image (a registration, an overlay) joins the same patient and study. Empty means empty: all of
 * them but Study Instance UID are Type 2 and are then written without a value.
 *
 * @param patientBirthDate DA ({@code YYYYMMDD}) or empty
 * @param patientSex       M, F, O or empty
 * @param studyDate        DA or empty
 * @param studyTime        TM ({@code HHMMSS.FFFFFF}, shorter forms allowed) or empty
 */
public record PatientStudy(String patientName, String patientId, String issuerOfPatientId, String patientBirthDate,
                           String patientSex, String studyInstanceUid, String studyDate, String studyTime,
                           String accessionNumber, String referringPhysicianName, String studyId) {
    private static final String DA = "[0-9]{8}";
    private static final String TM = "[0-9]{2,6}(\\.[0-9]{1,6})?";
    private static final String SEX = "[MFO]";

    public PatientStudy {
        patientName = checkedText(patientName, 64, "Patient's Name");
        patientId = checkedText(patientId, 64, "Patient ID");
        issuerOfPatientId = checkedText(issuerOfPatientId, 64, "Issuer of Patient ID");
        patientBirthDate = checked(patientBirthDate, DA, "Patient's Birth Date");
        patientSex = checked(patientSex, SEX, "Patient's Sex");
        studyInstanceUid = UidArguments.required(studyInstanceUid, "Study Instance UID");
        studyDate = checked(studyDate, DA, "Study Date");
        studyTime = checked(studyTime, TM, "Study Time");
        accessionNumber = checkedText(accessionNumber, 16, "Accession Number");
        referringPhysicianName = checkedText(referringPhysicianName, 64, "Referring Physician's Name");
        studyId = checkedText(studyId, 16, "Study ID");
    }

    /**
     * From the archive's header of the image. The header keeps no Study ID, so that is empty (it is Type 2). A sex or
     * study time that is not of DICOM's form (old "HH:MM:SS" times lose their colons) is left empty rather than copied.
     */
    public static PatientStudy of(InstanceHeader h) {
        String sex = h.patientSex() == null ? "" : h.patientSex().strip().toUpperCase(Locale.ROOT);
        String time = h.studyTime() == null ? "" : h.studyTime().strip().replace(":", "");
        return new PatientStudy(h.patientName(), h.patientId(), h.issuerOfPatientId(), da(h.patientBirthDate()),
                sex.matches(SEX) ? sex : "", h.studyInstanceUid(), da(h.studyDate()), time.matches(TM) ? time : "",
                h.accessionNumber(), h.referringPhysicianName(), "");
    }

    /** Writes the Patient and General Study modules' attributes into {@code l}. */
    void putInto(AttributeList l) throws DicomException {
        put(l, "PatientName", patientName);
        put(l, "PatientID", patientId);
        if (!issuerOfPatientId.isEmpty()) {
            put(l, "IssuerOfPatientID", issuerOfPatientId);
        }
        put(l, "PatientBirthDate", patientBirthDate);
        put(l, "PatientSex", patientSex);
        put(l, "StudyInstanceUID", studyInstanceUid);
        put(l, "StudyDate", studyDate);
        put(l, "StudyTime", studyTime);
        put(l, "ReferringPhysicianName", referringPhysicianName);
        put(l, "StudyID", studyId);
        put(l, "AccessionNumber", accessionNumber);
    }

    private static String checked(String value, String pattern, String name) {
        String v = value == null ? "" : value.strip();
        if (!v.isEmpty() && !v.matches(pattern)) {
            throw new IllegalArgumentException(name + " is not of the form DICOM gives it: " + v);
        }
        return v;
    }

    private static String da(LocalDate date) {
        return date == null ? "" : DateTimeFormatter.BASIC_ISO_DATE.format(date);
    }
}
