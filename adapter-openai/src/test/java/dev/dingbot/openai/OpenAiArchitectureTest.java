package dev.dingbot.openai;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.dingbot.openai", importOptions = ImportOption.DoNotIncludeTests.class)
class OpenAiArchitectureTest {

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_each_other = noClasses()
            .that().resideInAPackage("dev.dingbot.openai..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.dingbot.azure..", "dev.dingbot.dingtalk..", "dev.dingbot.storage..");

    @ArchTest
    static final ArchRule of_the_other_modules_the_adapter_uses_core_and_the_model_http_library_only = noClasses()
            .that().resideInAPackage("dev.dingbot.openai..")
            .should().dependOnClassesThat(resideInAPackage("dev.dingbot..").and(not(resideInAnyPackage(
                    "dev.dingbot.openai..", "dev.dingbot.core..", "dev.dingbot.modelhttp.."))));

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_the_app = noClasses()
            .that().resideInAPackage("dev.dingbot.openai..")
            .should().dependOnClassesThat().resideInAPackage("dev.dingbot.app..");
}
