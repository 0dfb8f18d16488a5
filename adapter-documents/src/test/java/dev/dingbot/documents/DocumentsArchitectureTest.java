package dev.dingbot.documents;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.dingbot.documents", importOptions = ImportOption.DoNotIncludeTests.class)
class DocumentsArchitectureTest {

    @ArchTest
    static final ArchRule only_the_factory_and_its_limits_are_public = classes()
            .that().arePublic()
            .should().haveSimpleName("DocumentReaders")
            .orShould().haveSimpleName("DocumentLimits")
            .orShould().be(DocumentLimits.Builder.class);

    @ArchTest
    static final ArchRule no_pdfbox_or_poi_type_appears_in_the_public_api = members()
            .that().arePublic().and().areDeclaredInClassesThat().arePublic()
            .should(new ArchCondition<>("name no PDFBox or POI type") {
                @Override
                public void check(JavaMember member, ConditionEvents events) {
                    signatureTypes(member).filter(DocumentsArchitectureTest::isVendorType).forEach(type ->
                            events.add(SimpleConditionEvent.violated(member,
                                    member.getFullName() + " names " + type.getName())));
                }
            });

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_each_other = noClasses()
            .that().resideInAPackage("dev.dingbot.documents..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.dingbot.openai..", "dev.dingbot.azure..",
                    "dev.dingbot.dingtalk..", "dev.dingbot.storage..", "dev.dingbot.ops..", "dev.dingbot.mcp..");

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_the_app = noClasses()
            .that().resideInAPackage("dev.dingbot.documents..")
            .should().dependOnClassesThat().resideInAPackage("dev.dingbot.app..");

    private static Stream<JavaClass> signatureTypes(JavaMember member) {
        if (member.getModifiers().contains(JavaModifier.SYNTHETIC)) return Stream.empty();
        if (member instanceof com.tngtech.archunit.core.domain.JavaField field) return Stream.of(field.getRawType());
        var unit = (com.tngtech.archunit.core.domain.JavaCodeUnit) member;
        return Stream.concat(Stream.concat(Stream.of(unit.getRawReturnType()), unit.getRawParameterTypes().stream()),
                unit.getThrowsClause().getTypes().stream());
    }

    private static boolean isVendorType(JavaClass type) {
        String name = type.getName();
        return name.startsWith("org.apache.pdfbox.") || name.startsWith("org.apache.poi.")
                || name.startsWith("org.apache.xmlbeans.") || name.startsWith("org.apache.fontbox.");
    }
}
