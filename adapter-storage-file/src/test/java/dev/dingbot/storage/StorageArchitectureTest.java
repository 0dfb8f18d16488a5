package dev.dingbot.storage;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.dingbot.storage", importOptions = ImportOption.DoNotIncludeTests.class)
class StorageArchitectureTest {

    @ArchTest
    static final ArchRule only_the_factory_its_settings_its_exception_and_private_files_are_public = classes()
            .that().arePublic()
            .should().haveSimpleName("FileStorage")
            .orShould().haveSimpleName("StorageSettings")
            .orShould().be(StorageSettings.Builder.class)
            .orShould().haveSimpleName("FsyncPolicy")
            .orShould().haveSimpleName("DataDirInUseException")
            .orShould().haveSimpleName("PrivateFiles"); // what the app writes under the data dir, too

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_each_other = noClasses()
            .that().resideInAPackage("dev.dingbot.storage")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.dingbot.openai..", "dev.dingbot.azure..", "dev.dingbot.dingtalk..", "dev.dingbot.storage.postgres..",
                    "dev.dingbot.app..");
}
