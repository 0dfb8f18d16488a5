package dev.dingbot.dingtalk;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.dingbot.dingtalk", importOptions = ImportOption.DoNotIncludeTests.class)
class InboundBoundaryTest {

    private static final String[] VENDOR_PACKAGES = {"com.dingtalk.", "shade.", "com.fasterxml.", "okhttp3.", "okio."};

    @ArchTest
    static final ArchRule sdk_json_and_http_types_never_appear_in_the_public_api = methods()
            .that().arePublic().and().areDeclaredInClassesThat().arePublic()
            .should(new ArchCondition<JavaMethod>("use no vendor type in signature") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    Stream.concat(Stream.of(method.getRawReturnType()), method.getRawParameterTypes().stream())
                            .map(JavaClass::getName)
                            .filter(name -> Stream.of(VENDOR_PACKAGES).anyMatch(name::startsWith))
                            .forEach(name -> events.add(SimpleConditionEvent.violated(method,
                                    method.getFullName() + " exposes " + name)));
                }
            });

    @ArchTest
    static final ArchRule only_sdk_internals_reaches_into_private_fields = noClasses()
            .that().doNotHaveSimpleName("SdkInternals")
            .should().callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("setAccessible")));
}
