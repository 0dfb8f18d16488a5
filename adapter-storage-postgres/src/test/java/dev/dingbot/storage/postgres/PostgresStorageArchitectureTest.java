package dev.dingbot.storage.postgres;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

@AnalyzeClasses(packages = "dev.dingbot.storage.postgres", importOptions = ImportOption.DoNotIncludeTests.class)
class PostgresStorageArchitectureTest {

    @ArchTest
    static final ArchRule only_the_factory_its_settings_what_it_inspects_and_its_exception_are_public = classes()
            .that().arePublic()
            .should().haveSimpleName("PostgresStorage")
            .orShould().haveSimpleName("PostgresSettings")
            .orShould().be(PostgresSettings.Builder.class)
            .orShould().be(DatabaseFacts.class)
            .orShould().be(DatabaseFacts.SchemaState.class)
            .orShould().haveSimpleName("PostgresStorageException");

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_each_other = noClasses()
            .that().resideInAPackage("dev.dingbot.storage.postgres..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.dingbot.openai..", "dev.dingbot.azure..", "dev.dingbot.dingtalk..", "dev.dingbot.storage");

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_the_app = noClasses()
            .that().resideInAPackage("dev.dingbot.storage.postgres..")
            .should().dependOnClassesThat().resideInAPackage("dev.dingbot.app..");

    @ArchTest
    static final ArchRule no_vendor_type_leaves_the_adapter = noMethods()
            .that().arePublic()
            .should().haveRawReturnType(resideInAnyPackage("com.zaxxer..", "org.flywaydb..", "org.postgresql..", "java.sql.."));
}
