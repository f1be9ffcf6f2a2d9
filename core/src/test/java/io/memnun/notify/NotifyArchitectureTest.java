package io.memnun.notify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** jmustache is an implementation detail of the templates: a later switch of engine touches one package. */
class NotifyArchitectureTest {
    @Test
    void onlyTheTemplateInternalsUseJmustache() {
        noClasses().that().resideOutsideOfPackage("io.memnun.notify.internal..")
                .should().dependOnClassesThat().resideInAPackage("com.samskivert..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.memnun"));
    }
}
