package dev.dingbot.openai;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.dingbot.openai", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule only_the_settings_the_provider_and_the_wire_spi_are_public = classes()
            .that().arePublic().and().areTopLevelClasses()
            .should().haveSimpleName("OpenAiSettings").orShould().haveSimpleName("OpenAiProvider")
            .orShould().haveSimpleName("OpenAiWire");

    @ArchTest
    static final ArchRule the_wire_spi_exposes_no_vendor_types = noClasses()
            .that().resideInAPackage("dev.dingbot.openai.spi")
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..", "com.fasterxml..");

    @ArchTest
    static final ArchRule the_adapter_does_not_depend_on_other_adapters = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.dingbot.azure..", "dev.dingbot.dingtalk..",
                    "dev.dingbot.storage..", "dev.dingbot.app..");
}
