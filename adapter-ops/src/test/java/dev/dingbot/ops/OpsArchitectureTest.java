package dev.dingbot.ops;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.dingbot.ops", importOptions = ImportOption.DoNotIncludeTests.class)
class OpsArchitectureTest {

    @ArchTest
    static final ArchRule only_the_factory_and_its_settings_are_public = classes()
            .that().arePublic()
            .should().haveSimpleName("DomainOps")
            .orShould().haveSimpleName("LookupSettings")
            .orShould().be(LookupSettings.Builder.class);

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_each_other = noClasses()
            .that().resideInAPackage("dev.dingbot.ops..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.dingbot.openai..", "dev.dingbot.azure..",
                    "dev.dingbot.dingtalk..", "dev.dingbot.storage..");

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_the_app = noClasses()
            .that().resideInAPackage("dev.dingbot.ops..")
            .should().dependOnClassesThat().resideInAPackage("dev.dingbot.app..");
}
