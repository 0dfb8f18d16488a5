package dev.dingbot.dingtalk;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.dingbot.dingtalk", importOptions = ImportOption.DoNotIncludeTests.class)
class DingTalkArchitectureTest {

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_each_other = noClasses()
            .that().resideInAPackage("dev.dingbot.dingtalk..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.dingbot.openai..", "dev.dingbot.azure..", "dev.dingbot.storage..");

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_the_app = noClasses()
            .that().resideInAPackage("dev.dingbot.dingtalk..")
            .should().dependOnClassesThat().resideInAPackage("dev.dingbot.app..");
}
