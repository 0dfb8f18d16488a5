package dev.dingbot.app.system;

import dev.dingbot.testkit.dingtalk.BotMessages;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The data dir holds whole messages, session-webhook URLs (each a capability to post into a chat for 90 minutes)
 * and everyone's history: after a conversation through the real main, no other local user may read any of it.
 */
class DataDirPermissionsTest extends BotInFakeWorld {

    @Test
    void after_a_conversation_every_file_under_the_data_dir_is_0600_and_every_directory_0700() throws Exception {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        world.writeConfig(dir, "admin_users: [\"admin01\"]\n");
        bot = world.runStreamBot(dir);
        BotMessages admin = BotMessages.privateChat().sender("admin01", "Boss");
        world.ask(admin.text("串聊"));
        world.ask(BotMessages.privateChat().sender("admin01", "Boss").text("记住我叫小明"));
        world.api.failUploads(1);
        assertThat(world.ask(BotMessages.privateChat().sender("admin01", "Boss").text("#图片 一只猫")).text())
                .contains("/images/");
        assertThat(world.ask(BotMessages.privateChat().sender("admin01", "Boss").text("#查对话 username:Boss"))
                .text()).contains("/history/");
        assertThat(bot.terminate(Duration.ofSeconds(30))).isZero();

        Map<String, String> modes = modesUnder(dir.resolve("data"));
        assertThat(modes.keySet()).as("what the conversation wrote").contains("data/", "data/inbox.jsonl",
                "data/sessions.jsonl", "data/dingbot.lock", "data/history/", "data/images/", "data/chatHistory/");
        assertThat(modes.keySet()).anyMatch(p -> p.startsWith("data/history/s-"))
                .anyMatch(p -> p.startsWith("data/images/") && !p.endsWith("/"))
                .anyMatch(p -> p.startsWith("data/chatHistory/") && p.endsWith(".md"));
        modes.forEach((path, mode) -> assertThat(mode).as(path)
                .isEqualTo(path.endsWith("/") ? "rwx------" : "rw-------"));
    }

    /** Each path under {@code root} (directories end in /), relative to its parent, with its permissions. */
    private static Map<String, String> modesUnder(Path root) throws Exception {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                String name = root.getParent().relativize(path).toString().replace('\\', '/')
                        + (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "/" : "");
                modes.put(name, PosixFilePermissions.toString(Files.getPosixFilePermissions(path,
                        LinkOption.NOFOLLOW_LINKS)));
            }
        }
        return modes;
    }
}
