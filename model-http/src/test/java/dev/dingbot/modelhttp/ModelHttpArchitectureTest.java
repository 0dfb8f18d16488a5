package dev.dingbot.modelhttp;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.dingbot.modelhttp", importOptions = ImportOption.DoNotIncludeTests.class)
class ModelHttpArchitectureTest {

    @ArchTest
    static final ArchRule the_library_depends_on_core_only_and_on_no_adapter = noClasses()
            .that().resideInAPackage("dev.dingbot.modelhttp..")
            .should().dependOnClassesThat(resideInAPackage("dev.dingbot..").and(not(resideInAnyPackage(
                    "dev.dingbot.modelhttp..", "dev.dingbot.core.."))));
}
