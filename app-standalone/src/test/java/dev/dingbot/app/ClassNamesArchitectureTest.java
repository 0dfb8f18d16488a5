package dev.dingbot.app;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One meaning per name: a reader who meets a type's simple name in any module knows which type it is. Member
 * types named by their owner's vocabulary ({@code Outcome}, {@code Builder}, {@code Kind}) may repeat among
 * themselves; they never take the name of a top-level type.
 */
class ClassNamesArchitectureTest {

    /** Every module's production classes on this classpath; tests, including core's test-jar, left out. */
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.dingbot");

    @Test
    void no_two_top_level_production_classes_share_a_simple_name() {
        assertThat(sharedNames(JavaClass::isTopLevelClass)).isEmpty();
    }

    @Test
    void no_nested_production_class_takes_the_simple_name_of_a_top_level_one() {
        Map<String, List<String>> topLevel = names(JavaClass::isTopLevelClass);
        Map<String, List<String>> taken = new TreeMap<>(names(JavaClass::isMemberClass));
        taken.keySet().retainAll(topLevel.keySet());
        taken.replaceAll((name, nested) -> Stream.concat(topLevel.get(name).stream(), nested.stream()).toList());
        assertThat(taken).isEmpty();
    }

    @Test
    void the_names_are_read_from_every_module_and_from_no_test() {
        Set<String> modules = PRODUCTION.stream().map(JavaClass::getPackageName)
                .map(name -> name.replaceFirst("^dev\\.dingbot\\.([^.]+).*", "$1")).collect(Collectors.toSet());
        assertThat(modules).contains("core", "openai", "azure", "dingtalk", "storage", "ops", "testkit", "app");
        assertThat(PRODUCTION.contain(ClassNamesArchitectureTest.class)).isFalse();
        assertThat(PRODUCTION.stream().map(JavaClass::getPackageName)).doesNotContain("dev.dingbot.core.contract");
    }

    private static Map<String, List<String>> sharedNames(Predicate<JavaClass> kind) {
        Map<String, List<String>> shared = new TreeMap<>(names(kind));
        shared.values().removeIf(owners -> owners.size() < 2);
        return shared;
    }

    /** Simple name to the full names of the classes of this kind that bear it. */
    private static Map<String, List<String>> names(Predicate<JavaClass> kind) {
        return PRODUCTION.stream().filter(kind)
                .collect(Collectors.groupingBy(JavaClass::getSimpleName, TreeMap::new,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
    }
}
