package dev.dingbot.core.intake;

import dev.dingbot.core.ChatBot;
import dev.dingbot.core.ChatBot.Admission;
import dev.dingbot.core.ChatBotBuilder;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.port.Inbox;
import dev.dingbot.core.testing.FakeChatModel;
import dev.dingbot.core.testing.FakeReplyChannel;
import dev.dingbot.core.testing.MutableClock;
import dev.dingbot.core.testing.SharedMemoryInbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.dingbot.core.intake.IntakeTest.await;
import static dev.dingbot.core.testing.Messages.aGroupMessage;
import static org.assertj.core.api.Assertions.assertThat;

/** Several instances of the bot on one shared inbox: each message answered once, each lane in order, takeovers. */
class SharedInboxIntakeTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T02:00:00Z"));
    final SharedMemoryInbox.Board board = new SharedMemoryInbox.Board(clock, Duration.ofSeconds(30));
    final List<ChatBot> bots = new ArrayList<>();
    /** Every channel a bot was given for a message it did not receive, by message id. */
    final List<String> answeredLater = new CopyOnWriteArrayList<>();
    final FakeReplyChannel laterChannel = new FakeReplyChannel();
    final AtomicInteger takeovers = new AtomicInteger();
    final BotObserver countsTakeovers = new BotObserver() {
        @Override
        public void messageTakenOver() {
            takeovers.incrementAndGet();
        }
    };

    ChatBot instance(String id, FakeChatModel model) {
        return instance(id, model, board.instance(id));
    }

    ChatBot instance(String id, FakeChatModel model, Inbox inbox) {
        ChatBot bot = new ChatBotBuilder().chatModel(model).inbox(inbox).clock(clock).observer(countsTakeovers).build();
        bot.replayPending(message -> {
            answeredLater.add(id + ":" + message.msgId());
            return laterChannel;
        });
        bots.add(bot);
        return bot;
    }

    @AfterEach
    void stop() {
        bots.forEach(b -> b.shutdown(Duration.ofSeconds(5)));
    }

    private IncomingMessage fromAlice(String msgId, String text) {
        return aGroupMessage().withId(msgId).saying(text).at(clock.instant()).build();
    }

    @Test
    void a_message_delivered_to_two_instances_is_answered_once() throws Exception {
        FakeChatModel model = new FakeChatModel();
        ChatBot a = instance("a", model);
        ChatBot b = instance("b", model);
        FakeReplyChannel onA = new FakeReplyChannel();
        FakeReplyChannel onB = new FakeReplyChannel();

        assertThat(a.handle(fromAlice("m1", "hi"), onA)).isEqualTo(Admission.ACCEPTED);
        assertThat(b.handle(fromAlice("m1", "hi"), onB)).isEqualTo(Admission.DUPLICATE);

        await(() -> onA.sent().size() == 1);
        assertThat(onB.sent()).isEmpty();
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void a_conversations_next_question_reaching_another_instance_waits_for_the_first_and_is_answered_after_it()
            throws Exception {
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        FakeChatModel slowFirst = new FakeChatModel().answering(request -> {
            if (FakeChatModel.lastUserText(request).equals("first")) {
                try {
                    firstMayEnd.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "answer to: " + FakeChatModel.lastUserText(request);
        });
        ChatBot a = instance("a", slowFirst);
        ChatBot b = instance("b", slowFirst);
        FakeReplyChannel onA = new FakeReplyChannel();
        FakeReplyChannel onB = new FakeReplyChannel();

        a.handle(fromAlice("m1", "first"), onA);
        await(() -> slowFirst.requests().size() == 1);
        assertThat(b.handle(fromAlice("m2", "second"), onB)).isEqualTo(Admission.ACCEPTED);
        Thread.sleep(200); // time enough for b to start the second one, if it (wrongly) did
        assertThat(slowFirst.requests()).as("the second is not started before the first completed").hasSize(1);

        firstMayEnd.countDown();
        await(() -> laterChannel.sent().size() == 1);
        assertThat(onA.sent()).extracting(m -> m.text()).singleElement().asString().startsWith("answer to: first");
        assertThat(laterChannel.sent()).extracting(m -> m.text()).singleElement().asString().startsWith("answer to: second");
        assertThat(answeredLater).containsExactly("a:m2");
        assertThat(onB.sent()).isEmpty();
    }

    @Test
    void a_message_claimed_at_its_admission_just_as_its_lanes_previous_one_is_done_is_answered_once() throws Exception {
        FakeChatModel model = new FakeChatModel();
        FakeReplyChannel channel = new FakeReplyChannel();
        ChatBot[] bot = new ChatBot[1];
        IncomingMessage second = fromAlice("m2", "second");
        // The second question is admitted and claimed right between the first one's completion and the look for
        // its lane's next message: both hand it to this instance.
        Inbox racing = new CompletingThen(board.instance("a"), "m1", () -> bot[0].handle(second, channel));
        bot[0] = instance("a", model, racing);

        bot[0].handle(fromAlice("m1", "first"), channel);

        await(() -> channel.sent().size() + laterChannel.sent().size() >= 2);
        Thread.sleep(300); // time for a second answer to the second question, were it queued twice
        assertThat(model.requests()).extracting(FakeChatModel::lastUserText).containsExactly("first", "second");
    }

    @Test
    void a_message_whose_completion_could_not_be_saved_is_answered_again_when_it_is_handed_back() throws Exception {
        FakeChatModel model = new FakeChatModel();
        FailingFirstCompletion flaky = new FailingFirstCompletion(board.instance("a"));
        instance("a", model, flaky).handle(fromAlice("m1", "question"), new FakeReplyChannel());
        await(() -> flaky.failed);
        clock.advance(Duration.ofSeconds(31)); // the lease it held without being able to finish ran out

        await(() -> model.requests().size() == 2);
        assertThat(answeredLater).containsExactly("a:m1");
    }

    @Test
    void a_conversation_whose_instance_died_is_taken_over_once_its_lease_ran_out() throws Exception {
        FakeChatModel hangs = new FakeChatModel().answering(request -> {
            try {
                new CountDownLatch(1).await(30, TimeUnit.SECONDS); // this instance never finishes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "never sent";
        });
        // Stands for a process that stopped: it holds the lane and neither answers nor renews any more.
        ChatBot dying = instance("dying", hangs, new NeverRenewing(board.instance("dying")));
        dying.handle(fromAlice("m1", "question"), new FakeReplyChannel());
        await(() -> hangs.requests().size() == 1);
        FakeChatModel healthy = new FakeChatModel();
        instance("live", healthy);

        Thread.sleep(1500); // the live instance looks every second; the lease still runs
        assertThat(healthy.requests()).isEmpty();
        clock.advance(Duration.ofSeconds(31));

        await(() -> laterChannel.sent().size() == 1);
        assertThat(laterChannel.sent().get(0).text()).startsWith("answer to: question");
        assertThat(answeredLater).containsExactly("live:m1");
        assertThat(takeovers).hasValue(1);
    }

    /** An instance's view of the shared inbox that never renews its leases. */
    private record NeverRenewing(Inbox inbox) implements Inbox {
        @Override public boolean admit(IncomingMessage message) { return inbox.admit(message); }
        @Override public void complete(String msgId) { inbox.complete(msgId); }
        @Override public List<IncomingMessage> pending() { return inbox.pending(); }
        @Override public boolean claim(IncomingMessage message) { return inbox.claim(message); }
        @Override public Optional<IncomingMessage> next(String laneKey) { return inbox.next(laneKey); }
        @Override public List<IncomingMessage> takeOver(int max) { return List.of(); }
        @Override public Optional<Duration> lease() { return inbox.lease(); }
    }

    /** An instance's view of the shared inbox that runs {@code then} right after {@code msgId} is completed. */
    private record CompletingThen(Inbox inbox, String msgId, Runnable then) implements Inbox {
        @Override public boolean admit(IncomingMessage message) { return inbox.admit(message); }
        @Override public List<IncomingMessage> pending() { return inbox.pending(); }
        @Override public boolean claim(IncomingMessage message) { return inbox.claim(message); }
        @Override public Optional<IncomingMessage> next(String laneKey) { return inbox.next(laneKey); }
        @Override public List<IncomingMessage> takeOver(int max) { return inbox.takeOver(max); }
        @Override public void renewLeases() { inbox.renewLeases(); }
        @Override public Optional<Duration> lease() { return inbox.lease(); }

        @Override
        public void complete(String completed) {
            inbox.complete(completed);
            if (completed.equals(msgId)) then.run();
        }
    }

    /** An instance's view of the shared inbox whose first completion fails, as with the database away. */
    private static final class FailingFirstCompletion implements Inbox {
        private final Inbox inbox;
        private volatile boolean failed;

        FailingFirstCompletion(Inbox inbox) {
            this.inbox = inbox;
        }

        @Override public boolean admit(IncomingMessage message) { return inbox.admit(message); }
        @Override public List<IncomingMessage> pending() { return inbox.pending(); }
        @Override public boolean claim(IncomingMessage message) { return inbox.claim(message); }
        @Override public Optional<IncomingMessage> next(String laneKey) { return inbox.next(laneKey); }
        @Override public List<IncomingMessage> takeOver(int max) { return inbox.takeOver(max); }
        @Override public void renewLeases() { inbox.renewLeases(); }
        @Override public Optional<Duration> lease() { return inbox.lease(); }

        @Override
        public void complete(String msgId) {
            if (!failed) {
                failed = true;
                throw new IllegalStateException("the database is away");
            }
            inbox.complete(msgId);
        }
    }
}
