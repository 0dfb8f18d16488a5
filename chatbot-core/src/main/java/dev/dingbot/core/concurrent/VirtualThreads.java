package dev.dingbot.core.concurrent;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Virtual threads where the JDK has them (21+), for work that spends its life waiting. */
public final class VirtualThreads {

    private VirtualThreads() {
    }

    /** An executor starting a virtual thread per task; empty on a JDK before 21. */
    public static Optional<ExecutorService> perTaskExecutor() {
        try {
            // Looked up by name: the code is compiled for Java 17, where the method does not exist.
            return Optional.of((ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                    .invoke(null));
        } catch (ReflectiveOperationException notOnThisJdk) {
            return Optional.empty();
        }
    }
}
