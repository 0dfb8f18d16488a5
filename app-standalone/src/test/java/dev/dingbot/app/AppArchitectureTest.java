package dev.dingbot.app;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The app is the one composition root: no module but the app (and Azure, which reuses the OpenAI wire) uses an adapter. */
@AnalyzeClasses(packages = "dev.dingbot", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchRule only_app_wires_adapters = classes()
            .that().resideInAnyPackage("dev.dingbot.dingtalk..", "dev.dingbot.storage..", "dev.dingbot.azure..",
                    "dev.dingbot.ops..", "dev.dingbot.mcp..", "dev.dingbot.documents..", "dev.dingbot.anthropic..")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage("dev.dingbot.dingtalk..",
                    "dev.dingbot.storage..", "dev.dingbot.azure..", "dev.dingbot.ops..", "dev.dingbot.mcp..",
                    "dev.dingbot.documents..", "dev.dingbot.anthropic..", "dev.dingbot.app..");

    @ArchTest
    static final ArchRule only_app_and_azure_use_the_openai_adapter = classes()
            .that().resideInAPackage("dev.dingbot.openai..")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage(
                    "dev.dingbot.openai..", "dev.dingbot.azure..", "dev.dingbot.app..");

    @ArchTest
    static final ArchRule only_the_model_adapters_and_the_app_use_the_model_http_library = classes()
            .that().resideInAPackage("dev.dingbot.modelhttp..")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage("dev.dingbot.modelhttp..",
                    "dev.dingbot.openai..", "dev.dingbot.anthropic..", "dev.dingbot.azure..", "dev.dingbot.app..");
}
