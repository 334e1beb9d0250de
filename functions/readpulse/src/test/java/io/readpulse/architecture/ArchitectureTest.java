package io.readpulse.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the packages may depend on each other. The domain (collect, aggregate, trending, reports,
 * metadata, auth, sketch, alerts) is plain Java: it speaks neither HTTP nor the environment, and refuses
 * in its own terms ({@code model.Refusal}); handlers and the HTTP layer translate. No two packages
 * depend on each other, directly or round a loop.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importMainCode() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.readpulse");
    }

    @Test
    void theDomainImportsNeitherHttpNorConfig() {
        noClasses().that().resideInAnyPackage("io.readpulse.collect..", "io.readpulse.aggregate..", "io.readpulse.trending..",
                        "io.readpulse.reports..", "io.readpulse.metadata..", "io.readpulse.auth..", "io.readpulse.sketch..", "io.readpulse.model..",
                        "io.readpulse.alerts..")
                .should().dependOnClassesThat().resideInAnyPackage("io.readpulse.http..", "io.readpulse.config..", "io.readpulse.entrypoints..",
                        "io.readpulse.admin..")
                .because("the domain reports refusals as values and the handlers map them to HTTP")
                .check(classes);
    }

    @Test
    void theDomainUsesNoAwsTypesButThroughItsStores() {
        noClasses().that().resideInAnyPackage("io.readpulse.collect..", "io.readpulse.aggregate..", "io.readpulse.trending..",
                        "io.readpulse.reports..", "io.readpulse.metadata..", "io.readpulse.auth..", "io.readpulse.sketch..", "io.readpulse.model..",
                        "io.readpulse.alerts..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..")
                .check(classes);
    }

    /**
     * A Lambda pays for the classes it loads: the mail library is touched by one class, and only the
     * alert functions (and the admin command) reach it, or the secret's read.
     */
    @Test
    void onlyTheAlertFunctionsReachTheMailLibraryAndTheSecretsClient() {
        noClasses().that().doNotHaveFullyQualifiedName("io.readpulse.alerts.delivery.SmtpAlertSender")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..")
                .check(classes);
        noClasses().that().doNotHaveFullyQualifiedName("io.readpulse.config.SmtpConfig")
                .and().doNotHaveFullyQualifiedName("io.readpulse.alerts.delivery.AlertSenders")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.readpulse.alerts.delivery.SmtpAlertSender")
                .check(classes);
        noClasses().that().haveSimpleNameNotContaining("Alerts").and().haveSimpleNameNotContaining("Digests")
                .and().resideInAPackage("io.readpulse.entrypoints..")
                .should().dependOnClassesThat().resideInAnyPackage("io.readpulse.alerts..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.readpulse.config.SmtpConfig")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.readpulse.config.SecretsManagerSecrets")
                .check(classes);
    }

    @Test
    void noPackagesDependOnEachOtherRoundALoop() {
        slices().matching("io.readpulse.(**)").should().beFreeOfCycles().check(classes);
    }
}
