package dev.dingbot.app.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; carries every problem found, not just the first. */
public final class ConfigException extends Exception {

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(format(problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("a ConfigException needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(List<ConfigProblem> problems) {
        return "config err: " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
