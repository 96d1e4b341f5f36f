package org.vertreg.dicom;

import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationContextSelectionPolicy;
import java.util.LinkedList;
import java.util.List;

/**
 * Accepts a proposed presentation context when its abstract syntax is Verification or an accepted
 * storage SOP class and one of its transfer syntaxes is one we decode; everything else is refused
 * here, at negotiation, with the reason PS3.8 §9.3.3.2 defines.
 */
final class PresentationContextAcceptance implements PresentationContextSelectionPolicy {
    private static final byte ACCEPTANCE = 0;
    private static final byte ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    private static final byte TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList contexts, int associationNumber) {
        for (Object o : contexts) {
            decide((PresentationContext) o);
        }
        return contexts;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList contexts, int associationNumber, int debugLevel) {
        return applyPresentationContextSelectionPolicy(contexts, associationNumber);
    }

    private static void decide(PresentationContext pc) {
        String abstractSyntax = pc.getAbstractSyntaxUID();
        List<?> proposed = List.copyOf(pc.getTransferSyntaxUIDs());
        if (!StorageSopClasses.VERIFICATION.equals(abstractSyntax) && !StorageSopClasses.isAccepted(abstractSyntax)) {
            refuse(pc, ABSTRACT_SYNTAX_NOT_SUPPORTED, proposed);
            return;
        }
        for (String candidate : AcceptedTransferSyntaxes.IN_PREFERENCE_ORDER) {
            if (proposed.contains(candidate)) {
                pc.newTransferSyntaxUIDs();
                pc.addTransferSyntaxUID(candidate);
                pc.setResultReason(ACCEPTANCE);
                return;
            }
        }
        refuse(pc, TRANSFER_SYNTAXES_NOT_SUPPORTED, proposed);
    }

    /** An A-ASSOCIATE-AC item carries exactly one transfer syntax, whose value is not significant when refused. */
    private static void refuse(PresentationContext pc, byte reason, List<?> proposed) {
        pc.newTransferSyntaxUIDs();
        pc.addTransferSyntaxUID(proposed.isEmpty() ? AcceptedTransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN : (String) proposed.get(0));
        pc.setResultReason(reason);
    }
}
