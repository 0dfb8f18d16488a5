package dev.dingbot.storage;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.model.HistoryEntry;
import dev.dingbot.core.model.IncomingMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM writes history rows and inbox messages as fast as it can and is killed with SIGKILL at a random
 * moment; every write it acknowledged must be there when the data dir is opened again.
 */
class CrashTest {

    @TempDir
    Path dir;

    private final Set<Long> ackedRows = new HashSet<>();
    private final Set<String> ackedAdmits = new HashSet<>();
    private final Set<String> ackedCompletes = new HashSet<>();

    @Test
    void no_acknowledged_write_is_lost_when_the_process_is_killed_twenty_times() throws Exception {
        crashRounds(20, 0xD1B07L);
    }

    @Test
    @Tag("slow")
    void no_acknowledged_write_is_lost_over_two_hundred_kills() throws Exception {
        crashRounds(200, System.nanoTime());
    }

    private void crashRounds(int rounds, long seed) throws Exception {
        Random random = new Random(seed);
        for (int round = 0; round < rounds; round++) {
            FsyncPolicy policy = round % 2 == 0 ? FsyncPolicy.BATCH : FsyncPolicy.ALWAYS;
            int acksBefore = ackedRows.size();
            killMidWrite(policy, round, random.nextInt(150));
            assertThat(ackedRows.size()).as("round %d wrote something", round).isGreaterThan(acksBefore);
            verifyEverythingAcknowledgedIsThere(round);
        }
    }

    private void killMidWrite(FsyncPolicy policy, int round, int millis) throws Exception {
        Process child = ChildJvm.builder(StorageChild.class, dir.toString(), "write", policy.name(),
                Integer.toString(round)).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch writing = new CountDownLatch(1);
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("ACK")) writing.countDown();
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            assertThat(writing.await(30, TimeUnit.SECONDS)).as("child opened the data dir and wrote").isTrue();
            Thread.sleep(millis);
        } finally {
            child.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it leaves stdout to drain
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        reader.get(30, TimeUnit.SECONDS);
        System.out.printf("kill %d (%s) after %d ms: %d lines%n", round, policy, millis, lines.size());
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length != 4 || !f[0].equals("ACK") || !f[3].equals("END")) continue; // a line cut by the kill
            switch (f[1]) {
                case "H" -> ackedRows.add(Long.parseLong(f[2]));
                case "I" -> ackedAdmits.add(f[2]);
                case "C" -> ackedCompletes.add(f[2]);
                default -> throw new AssertionError("unexpected line " + line);
            }
        }
    }

    private void verifyEverythingAcknowledgedIsThere(int round) {
        try (FileStorage storage = FileStorage.open(StorageSettings.defaults(dir))) {
            Set<Long> rows = new HashSet<>();
            for (int user = 0; user < StorageChild.USERS; user++) {
                storage.history().findByUser(StorageChild.nick(user), 0, Integer.MAX_VALUE).stream()
                        .map(HistoryEntry::id).forEach(rows::add);
            }
            assertThat(rows).as("history rows after kill %d", round).containsAll(ackedRows);

            Set<String> pending = storage.inbox().pending().stream().map(IncomingMessage::msgId)
                    .collect(Collectors.toSet());
            assertThat(pending).as("completed messages after kill %d", round).noneMatch(ackedCompletes::contains);
            for (String msgId : ackedAdmits) {
                if (pending.contains(msgId)) continue;
                assertThat(storage.inbox().admit(InboxContract.message(msgId)))
                        .as("%s was admitted before kill %d, so it is seen", msgId, round).isFalse();
            }
        }
    }
}
