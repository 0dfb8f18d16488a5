package dev.dingbot.app.faults;

import dev.dingbot.testkit.dingtalk.ApiRequest;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Distinct questions from many senders, each with a session webhook of its own, so that every answer the fake
 * DingTalk receives can be tied to the one question it answers.
 */
final class Traffic {

    /**
     * Config for delivery tests, whose senders each ask dozens of questions at once: the limits per user
     * ({@code FloodTest}'s subject) would refuse most of them.
     */
    static final String NO_LIMITS_PER_USER = """
            quota:
              model_calls_per_minute: 0
            lanes:
              max_queued_per_sender: 100000
            """;

    /** One question: its payload JSON and the session its answers are posted to. */
    record Question(String msgId, String session, String json) {
    }

    private Traffic() {
    }

    /** {@code count} private-chat questions from {@code senders} users taking turns, webhooks on {@code apiBase}. */
    static List<Question> questions(int count, int senders, String apiBase) {
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < count; i++) questions.add(question(i % senders, "question number " + i, apiBase));
        return questions;
    }

    /** {@code count} private-chat questions, all from sender number {@code sender}. */
    static List<Question> questionsFrom(int sender, int count, String apiBase) {
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < count; i++) questions.add(question(sender, "question number " + i, apiBase));
        return questions;
    }

    private static Question question(int sender, String text, String apiBase) {
        BotMessages m = BotMessages.privateChat().sender(String.format("user%03d", sender), "User" + sender)
                .text(text).sessionWebhookBase(apiBase);
        String session = m.sessionWebhook().substring(m.sessionWebhook().indexOf("session=") + 8);
        return new Question(m.msgId(), session, m.json());
    }

    /** Webhook posts per session, oldest first. */
    static Map<String, List<ApiRequest>> postsBySession(FakeDingTalkApi api) {
        return api.requests(FakeDingTalkApi.WEBHOOK).stream()
                .collect(Collectors.groupingBy(r -> r.queryParameter("session"), HashMap::new, Collectors.toList()));
    }

    /** How many webhook posts each question got (0 for none). */
    static Map<Question, Integer> answers(FakeDingTalkApi api, List<Question> questions) {
        Map<String, List<ApiRequest>> posts = postsBySession(api);
        Map<Question, Integer> counts = new HashMap<>();
        for (Question q : questions) counts.put(q, posts.getOrDefault(q.session(), List.of()).size());
        return counts;
    }

    static List<Question> unanswered(FakeDingTalkApi api, List<Question> questions) {
        Map<String, List<ApiRequest>> posts = postsBySession(api);
        return questions.stream().filter(q -> !posts.containsKey(q.session())).toList();
    }

    /** Waits until every question has at least one answer; returns those still without one when time runs out. */
    static List<Question> awaitAnswers(FakeDingTalkApi api, List<Question> questions, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Question> missing = unanswered(api, questions);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            missing = unanswered(api, questions);
        }
        return missing;
    }

    /** Questions answered more than once. */
    static List<Question> duplicated(FakeDingTalkApi api, List<Question> questions) {
        return answers(api, questions).entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .toList();
    }
}
