package dev.dingbot.core.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.dingbot.core.intake.Intake;
import dev.dingbot.core.pipeline.BotPorts;
import dev.dingbot.core.pipeline.NoticeWindow;
import dev.dingbot.core.pipeline.Pipeline;

import java.util.Arrays;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "dev.dingbot.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    /** What an embedding app uses: the bot and its builder, the model values, the ports, settings, in-memory stores. */
    private static final String[] API = {"dev.dingbot.core", "dev.dingbot.core.model..", "dev.dingbot.core.port..",
            "dev.dingbot.core.settings..", "dev.dingbot.core.memory..", "dev.dingbot.core.provider.."};

    /**
     * Helpers adapters and the app share with core: masking, log text, sensitive words, public addresses, threads,
     * the providers' key pools.
     */
    private static final String[] SHARED_WITH_ADAPTERS = {"dev.dingbot.core.text..", "dev.dingbot.core.net..",
            "dev.dingbot.core.concurrent..", "dev.dingbot.core.provider.."};

    /**
     * Intake and the pipeline are core's own; the builder assembles them and intake hands messages to the
     * pipeline, so these cross a package line. Everything else in core is package-private.
     */
    @ArchTest
    static final ArchRule public_types_are_the_api_and_the_helpers_shared_with_adapters = classes()
            .that().arePublic().and().areTopLevelClasses()
            .and().doNotBelongToAnyOf(Intake.class, Pipeline.class, BotPorts.class, NoticeWindow.class)
            .should().resideInAnyPackage(concat(API, SHARED_WITH_ADAPTERS));

    @ArchTest
    static final ArchRule core_should_not_depend_on_adapters = noClasses()
            .that().resideInAPackage("dev.dingbot.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.dingbot.openai..", "dev.dingbot.anthropic..", "dev.dingbot.azure..", "dev.dingbot.dingtalk..",
                    "dev.dingbot.storage..", "dev.dingbot.app..", "dev.dingbot.modelhttp..");

    @ArchTest
    static final ArchRule core_should_not_depend_on_okhttp_jackson_or_dingtalk = noClasses()
            .that().resideInAPackage("dev.dingbot.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "okhttp3..", "okio..", "com.fasterxml.jackson..", "com.dingtalk..", "shade..", "kotlin..",
                    "ch.qos.logback..", "picocli..");

    @ArchTest
    static final ArchRule core_should_depend_on_the_jdk_and_slf4j_only = noClasses()
            .that().resideInAPackage("dev.dingbot.core..")
            .should().dependOnClassesThat().resideOutsideOfPackages(
                    "dev.dingbot.core..", "java..", "javax..", "org.slf4j..");

    @ArchTest
    static final ArchRule core_packages_should_be_free_of_cycles = slices()
            .matching("dev.dingbot.core.(*)..").should().beFreeOfCycles();

    private static String[] concat(String[] first, String[] second) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(second)).toArray(String[]::new);
    }
}
