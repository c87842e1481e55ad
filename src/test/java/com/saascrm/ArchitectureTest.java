package com.saascrm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules that keep the layers apart (docs/architecture.md, Packages and what each owns). */
@AnalyzeClasses(packages = "com.saascrm", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] DOMAIN = {
        "com.saascrm.account..",
        "com.saascrm.crm..",
        "com.saascrm.feedback..",
        "com.saascrm.statistics..",
        "com.saascrm.erasure..",
        "com.saascrm.mail..",
        "com.saascrm.portability..",
        "com.saascrm.retention.."
    };

    @ArchTest
    static final ArchRule domainDoesNotUseCamunda = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.camunda..");

    @ArchTest
    static final ArchRule domainDoesNotUseTheWeb = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..", "org.springframework.http..");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("com.saascrm.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule apiDoesNotUseCamunda = noClasses()
            .that()
            .resideInAPackage("com.saascrm.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.camunda..");

    @ArchTest
    static final ArchRule domainDoesNotCallTheProcessGlue = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.saascrm.cancellation..", "com.saascrm.security..", "com.saascrm.demo..");
}
