package dev.dingbot.app;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Room to grow: a declaration that takes many values takes them by name (a parameter object or a builder), so that
 * adding one more changes one place rather than every caller. Settings are built by name with their defaults,
 * never copied component by component.
 */
class SignaturesArchitectureTest {

    private static final int MAX_PARAMETERS = 6;

    /** Every module's production classes on this classpath; tests, including core's test-jar, left out. */
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.dingbot");

    @Test
    void no_production_constructor_or_method_takes_more_than_six_parameters() {
        List<String> tooLong = PRODUCTION.stream()
                .flatMap(c -> c.getCodeUnits().stream())
                .filter(unit -> !unit.getModifiers().contains(JavaModifier.SYNTHETIC))
                .filter(unit -> !isRecordHeader(unit))
                .filter(unit -> declaredParameters(unit) > MAX_PARAMETERS)
                .map(JavaCodeUnit::getFullName)
                .toList();

        assertThat(tooLong).isEmpty();
    }

    @Test
    void settings_records_are_built_by_name_and_have_no_withers() {
        List<JavaClass> settings = PRODUCTION.stream()
                .filter(c -> c.getSimpleName().endsWith("Settings") && c.reflect().isRecord()).toList();
        List<String> withers = settings.stream()
                .flatMap(c -> c.getMethods().stream())
                .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC) && m.getName().matches("with[A-Z].*"))
                .map(JavaCodeUnit::getFullName)
                .toList();

        assertThat(settings).extracting(JavaClass::getSimpleName)
                .contains("OpenAiSettings", "AzureSettings", "DingTalkSettings", "StorageSettings", "LookupSettings");
        assertThat(withers).isEmpty();
    }

    /** The canonical constructor of a record: as long as the record's header, which names every component. */
    private static boolean isRecordHeader(JavaCodeUnit unit) {
        Class<?> owner = unit.getOwner().reflect();
        if (!(unit instanceof JavaConstructor) || !owner.isRecord()) return false;
        Class<?>[] components = Arrays.stream(owner.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        return Arrays.equals(unit.getRawParameterTypes().stream().map(JavaClass::reflect).toArray(Class<?>[]::new),
                components);
    }

    /** Parameters as written: an enum's constructor also receives the constant's name and ordinal. */
    private static int declaredParameters(JavaCodeUnit unit) {
        int hidden = unit instanceof JavaConstructor && unit.getOwner().isEnum() ? 2 : 0;
        return unit.getRawParameterTypes().size() - hidden;
    }
}
