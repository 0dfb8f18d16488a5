package dev.dingbot.app;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "dev.dingbot.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppPackagesArchitectureTest {

    @ArchTest
    static final ArchRule only_the_command_line_uses_picocli = noClasses()
            .that().resideOutsideOfPackages("dev.dingbot.app.cli..", "dev.dingbot.app")
            .should().dependOnClassesThat().resideInAPackage("picocli..");

    @ArchTest
    static final ArchRule the_server_does_not_read_the_configuration = noClasses()
            .that().resideInAPackage("dev.dingbot.app.http..")
            .should().dependOnClassesThat().resideInAPackage("dev.dingbot.app.config..");

    @ArchTest
    static final ArchRule the_configuration_does_not_know_the_server_or_the_commands = noClasses()
            .that().resideInAPackage("dev.dingbot.app.config..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.dingbot.app.http..", "dev.dingbot.app.cli..");

    @ArchTest
    static final ArchRule app_packages_are_free_of_cycles = slices().matching("dev.dingbot.app.(*)..")
            .should().beFreeOfCycles();
}
