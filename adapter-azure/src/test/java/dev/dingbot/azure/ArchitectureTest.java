package dev.dingbot.azure;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.dingbot.azure", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule only_the_settings_and_the_provider_are_public = classes()
            .that().arePublic().and().areTopLevelClasses()
            .should().haveSimpleName("AzureSettings").orShould().haveSimpleName("AzureProvider");

    @ArchTest
    static final ArchRule azure_reuses_the_openai_wire_without_touching_okhttp_or_jackson = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..", "com.fasterxml..");

    @ArchTest
    static final ArchRule azure_depends_on_no_adapter_but_openai = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.dingbot.dingtalk..", "dev.dingbot.storage..",
                    "dev.dingbot.app..");
}
