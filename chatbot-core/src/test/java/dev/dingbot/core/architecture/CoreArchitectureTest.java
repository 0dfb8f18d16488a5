package dev.dingbot.core.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "dev.dingbot.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule core_should_not_depend_on_adapters = noClasses()
            .that().resideInAPackage("dev.dingbot.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.dingbot.openai..", "dev.dingbot.azure..", "dev.dingbot.dingtalk..", "dev.dingbot.storage..",
                    "dev.dingbot.app..");

    @ArchTest
    static final ArchRule core_should_not_depend_on_okhttp_jackson_or_dingtalk = noClasses()
            .that().resideInAPackage("dev.dingbot.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "okhttp3..", "okio..", "com.fasterxml.jackson..", "com.dingtalk..", "shade..", "kotlin..",
                    "ch.qos.logback..", "picocli..");

    @ArchTest
    static final ArchRule core_should_depend_on_the_jdk_and_slf4j_only = noClasses()
            .that().resideInAPackage("dev.dingbot.core..")
            .should().dependOnClassesThat().resideOutsideOfPackages(
                    "dev.dingbot.core..", "java..", "javax..", "org.slf4j..");

    @ArchTest
    static final ArchRule core_packages_should_be_free_of_cycles = slices()
            .matching("dev.dingbot.core.(*)..").should().beFreeOfCycles();
}
