package org.vertreg.audit;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One audit event as a DICOM audit message (PS3.15 A.5, the schema IHE ATNA asks for): the event's DICOM Event ID and
 * action, its outcome, who took part (the calling AE or user, and the node as the audit source), and the object it
 * concerns by UID. The node's own event type rides along as the Event Type Code (coding scheme {@value #SCHEME}).
 */
final class DicomAuditMessage {
    static final String SCHEME = "99VERTREG";

    /** DICOM Event ID (code, meaning) and Event Action Code by the node's event type; Application Activity otherwise. */
    private static final Map<String, String[]> EVENTS = Map.ofEntries(
            Map.entry("INSTANCE_STORED", new String[] {"110104", "DICOM Instances Transferred", "C"}),
            Map.entry("INSTANCE_DUPLICATE", new String[] {"110104", "DICOM Instances Transferred", "R"}),
            Map.entry("INSTANCE_CONFLICT", new String[] {"110104", "DICOM Instances Transferred", "R"}),
            Map.entry("INSTANCE_REFUSED", new String[] {"110104", "DICOM Instances Transferred", "C"}),
            Map.entry("INSTANCES_RECEIVED", new String[] {"110104", "DICOM Instances Transferred", "C"}),
            Map.entry("ASSOCIATION_REFUSED", new String[] {"110114", "User Authentication", "E"}),
            Map.entry("ASSOCIATION_ABORTED", new String[] {"110114", "User Authentication", "E"}),
            Map.entry("PATIENT_NAME_CHANGED", new String[] {"110110", "Patient Record", "U"}),
            Map.entry("SERIES_ASSEMBLED", new String[] {"110103", "DICOM Instances Accessed", "C"}),
            Map.entry("SERIES_UNUSABLE", new String[] {"110103", "DICOM Instances Accessed", "R"}),
            Map.entry("LABELS_LINKED", new String[] {"110103", "DICOM Instances Accessed", "U"}),
            Map.entry("LABELS_UNUSABLE", new String[] {"110103", "DICOM Instances Accessed", "R"}),
            Map.entry("ARCHIVE_RECOVERY", new String[] {"110100", "Application Activity", "E"}),
            Map.entry("REGISTRATION_QUEUED", new String[] {"110103", "DICOM Instances Accessed", "E"}),
            Map.entry("JOB_RETRIED", new String[] {"110103", "DICOM Instances Accessed", "E"}),
            Map.entry("JOB_CANCELLED", new String[] {"110103", "DICOM Instances Accessed", "E"}),
            Map.entry("TARGET_ADDED", new String[] {"110103", "DICOM Instances Accessed", "C"}),
            Map.entry("TARGET_REMOVED", new String[] {"110103", "DICOM Instances Accessed", "D"}));

    private DicomAuditMessage() {
    }

    /**
     * @param sourceId the node's audit source ID (its AE title)
     * @param at       when the event happened
     */
    static String xml(String sourceId, Instant at, String eventType, AuditOutcome outcome, String actor, String remoteAddress, String objectUid,
            String studyUid, String detail) {
        String[] e = EVENTS.getOrDefault(eventType, new String[] {"110100", "Application Activity", "E"});
        // Outcome: 0 success, 4 minor failure (refused), 8 serious failure
        int outcomeIndicator = switch (outcome) {
            case SUCCESS -> 0;
            case REFUSED -> 4;
            case FAILURE -> 8;
        };
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><AuditMessage>");
        x.append("<EventIdentification EventActionCode=\"").append(e[2]).append("\" EventDateTime=\"")
                .append(DateTimeFormatter.ISO_INSTANT.format(at)).append("\" EventOutcomeIndicator=\"").append(outcomeIndicator).append('"')
                .append(detail == null ? ">" : "><EventOutcomeDescription>" + escape(detail) + "</EventOutcomeDescription>")
                .append("<EventID csd-code=\"").append(e[0]).append("\" codeSystemName=\"DCM\" originalText=\"").append(e[1]).append("\"/>")
                .append("<EventTypeCode csd-code=\"").append(escape(eventType)).append("\" codeSystemName=\"").append(SCHEME)
                .append("\" originalText=\"").append(escape(eventType)).append("\"/></EventIdentification>");
        if (actor != null) {
            x.append("<ActiveParticipant UserID=\"").append(escape(actor)).append("\" UserIsRequestor=\"true\"");
            if (remoteAddress != null) {
                x.append(" NetworkAccessPointID=\"").append(escape(host(remoteAddress))).append("\" NetworkAccessPointTypeCode=\"2\"");
            }
            x.append("/>");
        }
        x.append("<ActiveParticipant UserID=\"").append(escape(sourceId)).append("\" UserIsRequestor=\"false\"/>");
        x.append("<AuditSourceIdentification AuditSourceID=\"").append(escape(sourceId)).append("\"><AuditSourceTypeCode csd-code=\"4\" "
                + "codeSystemName=\"DCM\" originalText=\"Application Server Process\"/></AuditSourceIdentification>");
        if (studyUid != null) {
            x.append(object(studyUid, "110180", "DCM", "Study Instance UID"));
        }
        if (objectUid != null && !objectUid.equals(studyUid)) {
            // a series or instance UID: DCM has no ID type code for these (110181 is SOP Class UID), so the node's own
            x.append(object(objectUid, "UID", SCHEME, "DICOM UID (instance, series or study)"));
        }
        return x.append("</AuditMessage>").toString();
    }

    private static String object(String uid, String code, String scheme, String meaning) {
        return "<ParticipantObjectIdentification ParticipantObjectID=\"" + escape(uid) + "\" ParticipantObjectTypeCode=\"2\" "
                + "ParticipantObjectTypeCodeRole=\"3\"><ParticipantObjectIDTypeCode csd-code=\"" + code + "\" codeSystemName=\"" + scheme
                + "\" originalText=\"" + meaning + "\"/></ParticipantObjectIdentification>";
    }

    /** "/127.0.0.1:48250" → "127.0.0.1". */
    private static String host(String remote) {
        String r = remote.startsWith("/") ? remote.substring(1) : remote;
        int colon = r.lastIndexOf(':');
        return colon > 0 && r.indexOf(':') == colon ? r.substring(0, colon) : r;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
