package org.vertreg;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the package arrows of the README's architecture section true as the code grows. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.vertreg");
    }

    @Test
    void onlyTheDicomPackageUsesPixelMed() {
        noClasses().that().resideOutsideOfPackage("org.vertreg.dicom..")
                .should().dependOnClassesThat().resideInAPackage("com.pixelmed..").check(classes);
    }

    @Test
    void geometryUsesTheJdkOnly() {
        noClasses().that().resideInAPackage("org.vertreg.geometry..").should().dependOnClassesThat()
                .resideOutsideOfPackages("java..", "org.vertreg.geometry..").check(classes);
    }

    @Test
    void drrUsesOnlyImagingGeometryAndTheJdk() {
        noClasses().that().resideInAPackage("org.vertreg.drr..").should().dependOnClassesThat()
                .resideOutsideOfPackages("java..", "org.vertreg.drr..", "org.vertreg.imaging..", "org.vertreg.geometry..")
                .check(classes);
    }

    @Test
    void trainingUsesOnlyDrrModelRegistrationMetricsImagingGeometryAndTheJdk() {
        // registration for its metrics, so that a model's validation is scored in mm as the evaluation scores it
        noClasses().that().resideInAPackage("org.vertreg.training..").should().dependOnClassesThat()
                .resideOutsideOfPackages("java..", "org.vertreg.training..", "org.vertreg.drr..", "org.vertreg.model..",
                        "org.vertreg.registration..", "org.vertreg.imaging..", "org.vertreg.geometry..")
                .check(classes);
    }

    @Test
    void imagingDependsOnNoOtherCapability() {
        noClasses().that().resideInAPackage("org.vertreg.imaging..").should().dependOnClassesThat()
                .resideInAnyPackage("org.vertreg.dicom..", "org.vertreg.archive..", "org.vertreg.audit..", "org.vertreg.api..",
                        "org.vertreg.cli..", "com.pixelmed..", "jakarta..", "io.quarkus..")
                .check(classes);
    }

    @Test
    void dicomKnowsNothingOfTheArchiveOrWhatUsesIt() {
        noClasses().that().resideInAPackage("org.vertreg.dicom..").should().dependOnClassesThat()
                .resideInAnyPackage("org.vertreg.archive..", "org.vertreg.audit..", "org.vertreg.api..", "org.vertreg.cli..")
                .check(classes);
    }

    @Test
    void archiveDoesNotReachUpToAuditApiOrCli() {
        noClasses().that().resideInAPackage("org.vertreg.archive..").should().dependOnClassesThat()
                .resideInAnyPackage("org.vertreg.audit..", "org.vertreg.api..", "org.vertreg.cli..").check(classes);
    }

    @Test
    void auditDoesNotReachUpToApiOrCli() {
        noClasses().that().resideInAPackage("org.vertreg.audit..").should().dependOnClassesThat()
                .resideInAnyPackage("org.vertreg.api..", "org.vertreg.cli..").check(classes);
    }

    @Test
    void nothingButTheCliDependsOnTheCli() {
        noClasses().that().resideOutsideOfPackage("org.vertreg.cli..").should().dependOnClassesThat()
                .resideInAPackage("org.vertreg.cli..").check(classes);
    }

    @Test
    void registrationUsesDrrModelImagingAndGeometryButNotDjl() {
        noClasses().that().resideInAPackage("org.vertreg.registration..").should().dependOnClassesThat()
                .resideInAnyPackage("ai.djl..", "org.vertreg.dicom..", "org.vertreg.archive..", "org.vertreg.audit..",
                        "org.vertreg.api..", "org.vertreg.jobs..", "org.vertreg.training..", "org.vertreg.cli..")
                .check(classes);
    }

    @Test
    void onlyTheModelPackageUsesDjl() {
        noClasses().that().resideOutsideOfPackage("org.vertreg.model..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..").check(classes);
    }

    @Test
    void differentiableCodeMultipliesByConstantsThatOutliveTheBackwardPass() {
        // DJL's NDArray.mul(Number) and its siblings free their constant before autograd reads it (see model.Scalars).
        // AdamW updates parameters outside autograd, where the constant is read at once.
        DescribedPredicate<JavaMethodCall> arithmeticWithANumber = new DescribedPredicate<>("NDArray arithmetic with a Java number") {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getTargetOwner().isAssignableTo(NDArray.class)
                        && call.getTarget().getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(Number.class));
            }
        };
        noClasses().that().resideInAPackage("org.vertreg.model..").and().doNotHaveSimpleName("AdamW")
                .should().callMethodWhere(arithmeticWithANumber).check(classes);
    }

    @Test
    void modelUsesImagingAndGeometryOnly() {
        noClasses().that().resideInAPackage("org.vertreg.model..").should().dependOnClassesThat()
                .resideInAnyPackage("org.vertreg.drr..", "org.vertreg.registration..", "org.vertreg.training..", "org.vertreg.dicom..",
                        "org.vertreg.archive..", "org.vertreg.audit..", "org.vertreg.api..", "org.vertreg.jobs..", "org.vertreg.cli..")
                .check(classes);
    }
}
