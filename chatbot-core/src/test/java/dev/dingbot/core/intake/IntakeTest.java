package dev.dingbot.core.intake;

import dev.dingbot.core.ChatBot;
import dev.dingbot.core.ChatBot.Admission;
import dev.dingbot.core.ChatBotBuilder;
import dev.dingbot.core.memory.InMemoryInbox;
import dev.dingbot.core.memory.InMemoryQuotaStore;
import dev.dingbot.core.memory.InMemorySessionStore;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.model.Session;
import dev.dingbot.core.port.Inbox;
import dev.dingbot.core.settings.BotSettings;
import dev.dingbot.core.settings.LaneSettings;
import dev.dingbot.core.settings.QuotaSettings;
import dev.dingbot.core.settings.ReplySettings;
import dev.dingbot.core.testing.FakeChatModel;
import dev.dingbot.core.testing.FakeReplyChannel;
import dev.dingbot.core.testing.HookedInbox;
import dev.dingbot.core.testing.ManualScheduler;
import dev.dingbot.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static dev.dingbot.core.testing.Messages.ALICE;
import static dev.dingbot.core.testing.Messages.BOB;
import static dev.dingbot.core.testing.Messages.aGroupMessage;
import static dev.dingbot.core.testing.Messages.aPrivateMessage;
import static org.assertj.core.api.Assertions.assertThat;

class IntakeTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T02:00:00Z"));
    final FakeChatModel model = new FakeChatModel();
    final InMemoryInbox inbox = new InMemoryInbox();
    final InMemorySessionStore sessions = new InMemorySessionStore();
    final InMemoryQuotaStore quotas = new InMemoryQuotaStore();
    final List<ChatBot> bots = new ArrayList<>();
    final ManualScheduler answerThreads = new ManualScheduler(clock);

    ChatBot bot(LaneSettings lanes) {
        return bot(BotSettings.builder().lanes(lanes).build());
    }

    ChatBot bot(BotSettings settings) {
        ChatBot bot = new ChatBotBuilder().settings(settings).chatModel(model).inbox(inbox).sessions(sessions)
                .quotas(quotas).clock(clock).build();
        bots.add(bot);
        return bot;
    }

    ChatBot bot() {
        return bot(LaneSettings.defaults());
    }

    static BotSettings streaming() {
        return BotSettings.builder().replies(new ReplySettings(true, 4000, true)).build();
    }

    /** A bot whose answers run only when the test runs them, on its own thread. */
    ChatBot botAnsweringOn(ManualScheduler threads) {
        return botAnsweringOn(threads, BotSettings.builder().build());
    }

    ChatBot botAnsweringOn(ManualScheduler threads, BotSettings settings) {
        ChatBot bot = new ChatBotBuilder().settings(settings).chatModel(model).inbox(inbox).sessions(sessions).quotas(quotas)
                .clock(clock).answerThreads(threads).build();
        bots.add(bot);
        return bot;
    }

    @AfterEach
    void stop() {
        bots.forEach(b -> b.shutdown(Duration.ofSeconds(5)));
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(5);
        }
    }

    @Test
    void the_same_msg_id_handed_in_five_times_produces_one_answer() {
        ChatBot bot = botAnsweringOn(answerThreads);
        FakeReplyChannel channel = new FakeReplyChannel();
        IncomingMessage message = aPrivateMessage().saying("hi").withId("msgSAME==").build();
        List<Admission> admissions = new ArrayList<>();
        for (int i = 0; i < 5; i++) admissions.add(bot.handle(message, channel));
        answerThreads.runDue();
        assertThat(answerThreads.queued()).as("every answer ran").isZero();
        assertThat(inbox.pending()).isEmpty();
        assertThat(channel.sent()).hasSize(1);
        assertThat(admissions).containsExactly(Admission.ACCEPTED, Admission.DUPLICATE, Admission.DUPLICATE,
                Admission.DUPLICATE, Admission.DUPLICATE);
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void answers_streamed_without_a_thread_hold_none_of_the_answer_threads_and_are_marked_answered_when_they_end() {
        model.holdingStreams();
        ChatBot bot = botAnsweringOn(answerThreads, streaming());
        FakeReplyChannel channel = new FakeReplyChannel().withCards(true);
        for (int i = 0; i < 3; i++) {
            bot.handle(aPrivateMessage().from(new Sender("staff" + i, "User " + i, "$:user" + i)).saying("question " + i)
                    .withId("msg" + i + "==").build(), channel);
        }
        answerThreads.runDue();

        assertThat(model.heldStreams()).isEqualTo(3);
        assertThat(answerThreads.queued()).as("every answer thread is free").isZero();
        assertThat(bot.inFlight()).isEqualTo(3);
        assertThat(inbox.pending()).as("not answered yet").hasSize(3);
        assertThat(channel.cardFrames()).as("each card shows it is thinking").hasSize(3);

        assertThat(model.releaseHeldStreams()).isEqualTo(3);

        assertThat(channel.finalCardContent()).contains("answer to: question");
        assertThat(bot.inFlight()).isZero();
        assertThat(inbox.pending()).isEmpty();
    }

    @Test
    void the_next_message_of_a_conversation_waits_for_the_answer_streamed_before_it_without_a_thread() {
        model.holdingStreams();
        ChatBot bot = botAnsweringOn(answerThreads, streaming());
        FakeReplyChannel channel = new FakeReplyChannel();
        bot.handle(aPrivateMessage().saying("first").withId("msgFIRST==").build(), channel);
        bot.handle(aPrivateMessage().saying("second").withId("msgSECOND==").build(), channel);
        answerThreads.runDue();
        assertThat(model.heldStreams()).as("the second waits for the first").isEqualTo(1);

        model.releaseHeldStreams();
        answerThreads.runDue();
        assertThat(model.heldStreams()).as("the second is asked once the first is answered").isEqualTo(1);
        model.releaseHeldStreams();

        assertThat(channel.shown()).containsExactly("answer to: first", "answer to: second");
        assertThat(inbox.pending()).isEmpty();
    }

    @Test
    void handing_in_a_message_returns_before_the_model_answers() {
        model.slowedBy(3000);
        ChatBot bot = bot();
        FakeReplyChannel channel = new FakeReplyChannel();
        assertThat(bot.handle(aPrivateMessage().saying("hi").build(), channel)).isEqualTo(Admission.ACCEPTED);
        assertThat(channel.sent()).as("handed in, not yet answered").isEmpty();
    }

    @Test
    void two_concurrent_context_questions_from_one_user_both_end_up_in_the_context_in_order() throws InterruptedException {
        model.slowedBy(100);
        ChatBot bot = bot();
        FakeReplyChannel channel = new FakeReplyChannel();
        bot.handle(aPrivateMessage().saying("串聊").build(), channel);
        bot.handle(aPrivateMessage().saying("first").build(), channel);
        bot.handle(aPrivateMessage().saying("second").build(), channel);
        await(() -> channel.sent().size() == 3);
        Session session = sessions.find(aPrivateMessage().build().laneKey()).orElseThrow();
        assertThat(session.context()).extracting(ChatTurn::text)
                .containsExactly("first", "answer to: first", "second", "answer to: second");
    }

    @Test
    void different_senders_are_answered_in_parallel() throws InterruptedException {
        model.slowedBy(1000);
        ChatBot bot = bot();
        FakeReplyChannel channel = new FakeReplyChannel();
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            bot.handle(aGroupMessage().from(new Sender("u" + i, "U" + i, "")).saying("hi").build(), channel);
        }
        await(() -> channel.sent().size() == 10);
        // one after another they would take 10 s
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(6));
    }

    @Test
    void help_is_answered_while_every_worker_waits_on_the_model() throws InterruptedException {
        model.slowedBy(3000);
        model.answering(r -> "the model's answer");
        ChatBot bot = bot(new LaneSettings(1, 10, 5, Duration.ofMinutes(30)));
        FakeReplyChannel channel = new FakeReplyChannel();
        bot.handle(aPrivateMessage().from(ALICE).saying("a long question").build(), channel);
        bot.handle(aPrivateMessage().from(BOB).saying("帮助").build(), channel);

        await(() -> !channel.sent().isEmpty());
        assertThat(channel.sent().get(0).text()).doesNotContain("the model's answer");
        await(() -> channel.sent().size() == 2);
    }

    @Test
    void a_message_older_than_the_stale_window_is_dropped_unanswered() {
        ChatBot bot = botAnsweringOn(answerThreads);
        FakeReplyChannel channel = new FakeReplyChannel();
        IncomingMessage old = aPrivateMessage().saying("hi").at(clock.instant().minus(Duration.ofMinutes(31))).build();
        assertThat(bot.handle(old, channel)).isEqualTo(Admission.STALE);
        answerThreads.runDue();
        assertThat(channel.sent()).isEmpty();
        assertThat(inbox.pending()).isEmpty();
    }

    @Test
    void when_the_queue_is_full_the_user_is_told_to_try_again() throws InterruptedException {
        model.slowedBy(500);
        ChatBot bot = bot(new LaneSettings(1, 1, 5, Duration.ofMinutes(30)));
        FakeReplyChannel channel = new FakeReplyChannel();
        assertThat(bot.handle(aPrivateMessage().from(ALICE).saying("q1").build(), channel)).isEqualTo(Admission.ACCEPTED);
        assertThat(bot.handle(aPrivateMessage().from(BOB).saying("q2").build(), channel)).isEqualTo(Admission.ACCEPTED);
        assertThat(bot.handle(aPrivateMessage().from(BOB).saying("q3").build(), channel)).isEqualTo(Admission.BUSY);
        await(() -> channel.sent().stream().anyMatch(m -> m.text().contains("当前提问的人太多了")));
        await(() -> channel.sent().size() == 3);
    }

    @Test
    void messages_admitted_but_never_answered_are_answered_after_a_restart() throws InterruptedException {
        IncomingMessage lost = aPrivateMessage().saying("lost question").build();
        inbox.admit(lost);
        ChatBot restarted = bot();
        FakeReplyChannel channel = new FakeReplyChannel();
        assertThat(restarted.replayPending(m -> channel)).isEqualTo(1);
        await(() -> channel.sent().size() == 1 && inbox.pending().isEmpty());
        assertThat(channel.only().text()).isEqualTo("answer to: lost question");
    }

    @Test
    void shutdown_lets_answers_in_flight_finish_and_keeps_new_ones_for_the_restart() {
        model.slowedBy(300);
        ChatBot bot = bot();
        FakeReplyChannel channel = new FakeReplyChannel();
        bot.handle(aPrivateMessage().saying("hi").build(), channel);
        assertThat(bot.shutdown(Duration.ofSeconds(5))).isTrue();
        assertThat(channel.sent()).hasSize(1);
        IncomingMessage late = aPrivateMessage().saying("late").build();
        assertThat(bot.handle(late, channel)).isEqualTo(Admission.CLOSED);
        assertThat(inbox.pending()).containsExactly(late);
    }

    @Test
    void a_failure_inside_the_pipeline_still_answers_and_completes_the_message() throws InterruptedException {
        ChatBot bot = new ChatBotBuilder().chatModel(new FakeChatModel().answering(r -> {
            throw new IllegalStateException("bug");
        })).inbox(inbox).clock(clock).build();
        bots.add(bot);
        FakeReplyChannel channel = new FakeReplyChannel();
        bot.handle(aPrivateMessage().saying("hi").build(), channel);
        await(() -> channel.sent().size() == 1 && inbox.pending().isEmpty());
        assertThat(channel.only().text()).isEqualTo("处理消息时出错了，请稍后再试。").doesNotContain("Exception");
    }

    /** Holds every question of {@code sender} at the model until {@code release} counts down. */
    void holdQuestionsOf(Sender sender, CountDownLatch release) {
        model.answering(r -> {
            if (r.user().equals(sender.identifier())) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "answer to: " + FakeChatModel.lastUserText(r);
        });
    }

    @Test
    void past_five_waiting_messages_a_sender_gets_one_notice_and_the_refused_messages_are_not_left_pending()
            throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        holdQuestionsOf(ALICE, release);
        ChatBot bot = bot();
        FakeReplyChannel alice = new FakeReplyChannel();
        List<Admission> admissions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            admissions.add(bot.handle(aPrivateMessage().from(ALICE).saying("q" + i).build(), alice));
        }
        assertThat(admissions.subList(0, 5)).containsOnly(Admission.ACCEPTED);
        assertThat(admissions.subList(5, 20)).containsOnly(Admission.TOO_MANY);
        await(() -> alice.sent().size() == 1 && inbox.pending().size() == 5);
        assertThat(alice.only().text()).isEqualTo("**🤷 您的提问太频繁了，请等前面的问题回答完再提问。**");

        FakeReplyChannel bob = new FakeReplyChannel();
        assertThat(bot.handle(aPrivateMessage().from(BOB).saying("meanwhile").build(), bob))
                .isEqualTo(Admission.ACCEPTED);
        await(() -> bob.sent().size() == 1);
        assertThat(bob.only().text()).isEqualTo("answer to: meanwhile");

        release.countDown();
        await(() -> alice.sent().size() == 6 && inbox.pending().isEmpty());
        assertThat(model.requests()).hasSize(6);
    }

    @Test
    void a_sender_refused_again_after_the_notice_window_is_told_again() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        holdQuestionsOf(ALICE, release);
        ChatBot bot = bot(new LaneSettings(64, 2000, 1, Duration.ofMinutes(30)));
        FakeReplyChannel alice = new FakeReplyChannel();
        bot.handle(aPrivateMessage().from(ALICE).saying("held").build(), alice);
        bot.handle(aPrivateMessage().from(ALICE).saying("refused, told").build(), alice);
        bot.handle(aPrivateMessage().from(ALICE).saying("refused, quietly").build(), alice);
        await(() -> alice.sent().size() == 1);
        clock.advance(Duration.ofSeconds(61));
        assertThat(bot.handle(aPrivateMessage().from(ALICE).saying("refused, told again").build(), alice))
                .isEqualTo(Admission.TOO_MANY);
        await(() -> alice.sent().size() == 2);
        release.countDown();
        await(() -> alice.sent().size() == 3 && inbox.pending().isEmpty());
        assertThat(alice.sent()).extracting(m -> m.text().contains("太频繁")).containsExactly(true, true, false);
    }

    @Test
    void a_question_of_a_sender_with_no_quota_left_is_refused_before_it_takes_a_queue_slot() throws InterruptedException {
        ChatBot bot = bot(BotSettings.builder().quota(new QuotaSettings(1, QuotaSettings.DEFAULT_ZONE)).build());
        FakeReplyChannel alice = new FakeReplyChannel();
        assertThat(bot.handle(aPrivateMessage().from(ALICE).saying("q1").build(), alice)).isEqualTo(Admission.ACCEPTED);
        await(() -> alice.sent().size() == 1 && inbox.pending().isEmpty());

        assertThat(bot.handle(aPrivateMessage().from(ALICE).saying("q2").build(), alice))
                .isEqualTo(Admission.OVER_QUOTA);
        assertThat(bot.handle(aPrivateMessage().from(ALICE).saying("帮助").build(), alice))
                .as("commands need no quota").isEqualTo(Admission.ACCEPTED);
        await(() -> alice.sent().size() == 3 && inbox.pending().isEmpty());
        assertThat(alice.sent()).extracting(m -> m.text()).anySatisfy(t -> assertThat(t).startsWith("[Staple]"));
        assertThat(model.requests()).hasSize(1);
        assertThat(quotas.used(ALICE.identifier(), LocalDate.of(2026, 11, 24))).as("nothing counted twice")
                .isEqualTo(1);
    }

    @Test
    void notices_that_cannot_go_out_in_time_are_dropped_and_their_messages_completed() throws InterruptedException {
        Notices notices = new Notices(clock);
        CountDownLatch platformStuck = new CountDownLatch(1);
        CountDownLatch underWay = new CountDownLatch(1);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        Runnable send = () -> {
            underWay.countDown();
            try {
                platformStuck.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.incrementAndGet();
        };
        notices.post(send, completed::incrementAndGet);
        assertThat(underWay.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < 300; i++) notices.post(send, completed::incrementAndGet);
        assertThat(completed.get()).as("completed at once: no room to wait").isEqualTo(300 - 1 - Notices.CAPACITY);

        clock.advance(Notices.MAX_DELAY.plusSeconds(1));
        platformStuck.countDown();
        await(() -> completed.get() == 300);
        notices.shutdown();
        assertThat(sent.get()).as("sent: only the one under way when the platform got stuck").isEqualTo(1);
    }

    @Test
    void a_message_the_inbox_cannot_save_is_not_taken_the_user_is_told_and_it_is_taken_when_it_comes_again()
            throws InterruptedException {
        AtomicBoolean diskFull = new AtomicBoolean(true);
        HookedInbox disk = new HookedInbox(m -> {
            if (diskFull.get()) throw HookedInbox.diskFull();
        });
        ChatBot bot = new ChatBotBuilder().chatModel(model).inbox(disk).clock(clock).build();
        bots.add(bot);
        FakeReplyChannel channel = new FakeReplyChannel();
        IncomingMessage message = aPrivateMessage().saying("hi").build();

        assertThat(bot.handle(message, channel)).isEqualTo(Admission.NOT_SAVED);
        await(() -> channel.sent().size() == 1);
        assertThat(channel.only().text()).isEqualTo("**🤷 机器人暂时无法保存消息，请稍后再试。**");
        assertThat(model.requests()).isEmpty();

        diskFull.set(false);
        assertThat(bot.handle(message, channel)).isEqualTo(Admission.ACCEPTED);
        await(() -> channel.sent().size() == 2 && disk.pending().isEmpty());
        assertThat(channel.sent().get(1).text()).isEqualTo("answer to: hi");
    }
}
