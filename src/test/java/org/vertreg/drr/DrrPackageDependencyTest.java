package org.vertreg.drr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The renderer package sees volumes and java.* only: poses and C-arms reach it as a ProjectionGeometry. */
class DrrPackageDependencyTest {

    @Test
    void drrDependsOnlyOnImagingAndTheJdk() {
        classes().that().resideInAPackage("org.vertreg.drr..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.vertreg.drr..", "org.vertreg.imaging..", "java..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.vertreg.drr"));
    }
}
