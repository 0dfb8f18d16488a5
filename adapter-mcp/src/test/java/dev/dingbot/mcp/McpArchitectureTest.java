package dev.dingbot.mcp;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

@AnalyzeClasses(packages = "dev.dingbot.mcp", importOptions = ImportOption.DoNotIncludeTests.class)
class McpArchitectureTest {

    @ArchTest
    static final ArchRule only_the_tool_box_its_settings_and_its_status_are_public = classes()
            .that().arePublic()
            .should().haveSimpleName("McpToolBox")
            .orShould().haveSimpleName("McpSettings").orShould().be(McpSettings.Builder.class)
            .orShould().haveSimpleName("McpServerSettings").orShould().be(McpServerSettings.Builder.class)
            .orShould().haveSimpleName("McpServerStatus").orShould().be(McpServerStatus.State.class);

    @ArchTest
    static final ArchRule the_public_api_exposes_no_sdk_types = noClasses()
            .that().arePublic()
            .should().dependOnClassesThat().resideInAnyPackage("io.modelcontextprotocol..", "reactor..",
                    "com.fasterxml..");

    @ArchTest
    static final ArchRule settings_are_built_by_name_and_have_no_withers = noMethods()
            .that().areDeclaredInClassesThat().haveSimpleNameEndingWith("Settings").and().arePublic()
            .should().haveNameMatching("with[A-Z].*");

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_each_other = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.dingbot.openai..", "dev.dingbot.azure..",
                    "dev.dingbot.dingtalk..", "dev.dingbot.storage..");

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_the_app = noClasses()
            .should().dependOnClassesThat().resideInAPackage("dev.dingbot.app..");
}
