package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.Session;
import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolDefinition;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message on its way through the {@link Step}s: what the steps learnt about it so far. Lives on the message's
 * lane, one step at a time.
 */
final class MessageContext {

    /**
     * What goes to the model, once the mode and context are chosen.
     *
     * @param context    the earlier turns sent along, already trimmed to the budget (empty in 单聊)
     * @param questionId the question's id in the history, which its answer refers to
     * @param started    when the work on the answer began, for the operator's line
     * @param tools      the tools offered with the question (their cost is in the budget the context was trimmed to)
     * @param reference  the session's documents as the turn before the question (none when it has none)
     */
    record Conversation(Session session, ChatTurn ask, List<ChatTurn> context, long questionId, Instant started,
                        List<ToolDefinition> tools, ReferenceDocuments.Reference reference) {

        boolean withContext() {
            return session.mode() == Mode.CONTEXT;
        }
    }

    private final IncomingMessage message;
    private final Responder responder;
    private final boolean admin;
    private final String text;
    private String question;
    private List<Image> images = List.of();
    private List<DocumentText> documents = List.of();
    private DailyQuota.Ticket ticket;
    private boolean modelAnswered;
    private Conversation conversation;

    MessageContext(IncomingMessage message, Responder responder, boolean admin) {
        this.message = message;
        this.responder = responder;
        this.admin = admin;
        this.text = message.text().trim();
        this.question = text;
    }

    IncomingMessage message() {
        return message;
    }

    Responder responder() {
        return responder;
    }

    /** Whether the sender is an admin, who is told the model's errors in detail. */
    boolean admin() {
        return admin;
    }

    /** The sender as tool access sees them. */
    ToolAsker toolAsker() {
        return new ToolAsker(message.sender().identifier(), message.conversationId(), message.inGroup(), admin);
    }

    /** The message's text as it arrived, trimmed. */
    String text() {
        return text;
    }

    /** The question as the steps so far rewrote it (a template expanded, a picture described). */
    String question() {
        return question;
    }

    void rewriteQuestion(String question) {
        this.question = question;
    }

    List<Image> images() {
        return images;
    }

    void attach(List<Image> images) {
        this.images = List.copyOf(images);
    }

    /** The documents this message brought (they are kept with the session too). */
    List<DocumentText> documents() {
        return documents;
    }

    void attachDocuments(List<DocumentText> documents) {
        this.documents = List.copyOf(documents);
    }

    /** The message holds a counted request of the daily quota from now on. */
    void hold(DailyQuota.Ticket ticket) {
        this.ticket = Objects.requireNonNull(ticket);
    }

    /** A model (chat or image) produced an answer: the request stays counted. */
    void modelAnswered() {
        modelAnswered = true;
    }

    void converse(Conversation conversation) {
        this.conversation = conversation;
    }

    Conversation conversation() {
        if (conversation == null) throw new IllegalStateException("no conversation chosen for " + message.msgId());
        return conversation;
    }

    /** The message is finished: a counted request is given back unless a model answered it. */
    void settleQuota() {
        if (ticket != null && !modelAnswered) ticket.refund();
    }
}
