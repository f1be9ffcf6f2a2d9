package io.memnun;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md and STYLE.md, checked on core's compiled classes. */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.memnun");
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("io.memnun.(**)").should().beFreeOfCycles().check(core);
    }

    @Test
    void domainDoesNotDependOnAdaptersOrTheFacade() {
        ArchRule rule = noClasses()
                .that().resideInAnyPackage("io.memnun.feedback..", "io.memnun.sla..", "io.memnun.routing..",
                        "io.memnun.survey..", "io.memnun.capa..", "io.memnun.report..", "io.memnun.notify..")
                .should().dependOnClassesThat().resideInAnyPackage("io.memnun.store..", "io.memnun.spi..")
                .orShould().dependOnClassesThat().resideInAPackage("io.memnun");
        rule.allowEmptyShould(true).check(core);
    }

    @Test
    void spiDoesNotDependOnInternals() {
        noClasses().that().resideInAPackage("io.memnun.spi..")
                .should().dependOnClassesThat().resideInAPackage("..internal..")
                .orShould().dependOnClassesThat().resideInAPackage("io.memnun.store..")
                .check(core);
    }

    @Test
    void coreIsFreeOfSqlAndMailLibraries() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "jakarta.mail..", "javax.mail..")
                .because("storage and mail belong to adapters, not to core's domain")
                .check(core);
    }

    @Test
    void jacksonOnlyInJsonPackages() {
        noClasses().that().resideOutsideOfPackage("..json..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .orShould().dependOnClassesThat().resideInAPackage("..json..")
                .because("JSON belongs to the edges: jackson-databind is optional, so only the codecs may load it")
                .check(core);
    }

    @Test
    void timeIsReadOnlyFromAnInjectedClock() {
        noClasses().should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("every clock reading goes through the injected java.time.Clock")
                .check(core);
    }

    @Test
    void noPrintingToTheConsole() {
        noClasses().should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .because("a library logs through slf4j")
                .check(core);
    }
}
