package dev.dingbot.anthropic;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.dingbot.anthropic", importOptions = ImportOption.DoNotIncludeTests.class)
class AnthropicArchitectureTest {

    @ArchTest
    static final ArchRule only_the_settings_and_the_provider_are_public = classes()
            .that().arePublic().and().areTopLevelClasses()
            .should().haveSimpleName("AnthropicSettings").orShould().haveSimpleName("AnthropicProvider");

    @ArchTest
    static final ArchRule the_public_api_exposes_no_vendor_types = noClasses()
            .that().arePublic()
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..", "com.fasterxml..");

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_each_other = noClasses()
            .that().resideInAPackage("dev.dingbot.anthropic..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.dingbot.openai..", "dev.dingbot.azure..",
                    "dev.dingbot.dingtalk..", "dev.dingbot.storage..", "dev.dingbot.ops..", "dev.dingbot.mcp..");

    @ArchTest
    static final ArchRule of_the_other_modules_the_adapter_uses_core_and_the_model_http_library_only = noClasses()
            .that().resideInAPackage("dev.dingbot.anthropic..")
            .should().dependOnClassesThat(resideInAPackage("dev.dingbot..").and(not(resideInAnyPackage(
                    "dev.dingbot.anthropic..", "dev.dingbot.core..", "dev.dingbot.modelhttp.."))));

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_the_app = noClasses()
            .that().resideInAPackage("dev.dingbot.anthropic..")
            .should().dependOnClassesThat().resideInAPackage("dev.dingbot.app..");
}
