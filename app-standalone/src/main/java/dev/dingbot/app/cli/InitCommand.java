package dev.dingbot.app.cli;

import dev.dingbot.storage.PrivateFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Writes a starter config.yml (every key documented, in Chinese and English) and the default "
                + "prompt.yml into the directory, readable by their owner only. Existing files are never overwritten."})
final class InitCommand implements Callable<Integer> {

    private static final String STARTER = "/dev/dingbot/app/starter/";

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write (default: the current directory).")
    Path dir;

    private final CliContext ctx;

    InitCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Path target = ctx.workingDir().resolve(dir == null ? Path.of("") : dir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(target);
            boolean wroteConfig = write("config.example.yml", target.resolve("config.yml"));
            write("prompt.yml", target.resolve("prompt.yml"));
            ctx.out().println();
            if (wroteConfig) {
                ctx.out().println("Next, open " + target.resolve("config.yml") + " and fill in three values:");
                ctx.out().println("  api_key                     your OpenAI key (or set azure_on and the azure_* keys)");
                ctx.out().println("  credentials: client_id      the AppKey of your DingTalk app");
                ctx.out().println("  credentials: client_secret  the AppSecret of your DingTalk app");
                ctx.out().println("Then run `dingbot check`, and `dingbot run`.");
            }
            return 0;
        } catch (IOException e) {
            ctx.err().println("dingbot: could not write into " + target + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * Writes one starter file unless the target exists; true when written. Readable by its owner only: config.yml
     * will hold the API key and app secrets, and prompt.yml follows the same rule (edited prompts can hold
     * internal instructions, and a container running as another user needs the same fix for both).
     */
    private boolean write(String resource, Path target) throws IOException {
        try (InputStream in = InitCommand.class.getResourceAsStream(STARTER + resource)) {
            if (in == null) throw new IOException("the starter " + resource + " is missing from this build");
            try (OutputStream out = PrivateFiles.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                in.transferTo(out);
            }
            ctx.out().println("wrote " + target);
            return true;
        } catch (FileAlreadyExistsException e) {
            ctx.out().println("kept " + target + " (it already exists; nothing overwritten)");
            return false;
        }
    }
}
