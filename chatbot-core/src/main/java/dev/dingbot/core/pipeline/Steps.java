package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.text.LogText;
import dev.dingbot.core.text.SensitiveWords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The small steps of the pipeline; {@link Pipeline#assemble} puts them in order. */
final class Steps {

    private static final Logger log = LoggerFactory.getLogger(Steps.class);

    private Steps() {
    }

    /** A question with a sensitive word gets no answer at all. */
    record SensitiveQuestion(SensitiveWords words, BotObserver observer) implements Step {
        @Override
        public Outcome apply(MessageContext message) {
            if (!words.containsAny(message.text())) return Outcome.PASS_ON;
            return Step.refuse(message, observer, "sensitive", ReplyTexts.SENSITIVE_QUESTION);
        }
    }

    /** {@code chat_type}: groups, private chats or both. */
    record ChatType(AccessPolicy access, BotObserver observer) implements Step {
        @Override
        public Outcome apply(MessageContext message) {
            if (access.chatKindAllowed(message.message().chatKind())) return Outcome.PASS_ON;
            return Step.refuse(message, observer, "chat_type", ReplyTexts.CHAT_TYPE_DISABLED);
        }
    }

    /** {@code 群ID} in a group: logged for the operator, and told to an admin. */
    record GroupId() implements Step {
        @Override
        public Outcome apply(MessageContext message) {
            IncomingMessage incoming = message.message();
            if (!incoming.inGroup() || !message.text().equals("群ID")) return Outcome.PASS_ON;
            String line = ReplyTexts.groupId(incoming.conversationTitle(), incoming.conversationId());
            log.info(LogText.safe(line));
            if (message.admin()) message.responder().markdown(line);
            return Outcome.FINISHED;
        }
    }

    /** The allow- and deny-lists of users and groups. */
    record Access(AccessPolicy access, BotObserver observer) implements Step {
        @Override
        public Outcome apply(MessageContext message) {
            Optional<String> denial = access.denial(message.message());
            if (denial.isEmpty()) return Outcome.PASS_ON;
            return Step.refuse(message, observer, "access", denial.get());
        }
    }

    /** Videos, files unless they are read, and what DingTalk may add later get a fixed reply. */
    record UnsupportedType(boolean filesRead, BotObserver observer) implements Step {
        @Override
        public Outcome apply(MessageContext message) {
            MessageType type = message.message().type();
            if (answerable(type) || (filesRead && type == MessageType.FILE)) return Outcome.PASS_ON;
            return Step.refuse(message, observer, "unsupported_type",
                    filesRead ? ReplyTexts.UNSUPPORTED_TYPE_BUT_FILES : ReplyTexts.UNSUPPORTED_TYPE);
        }

        /** Whether a message of this type may be a question to a model (a file alone never is: it gets a receipt). */
        static boolean answerable(MessageType type) {
            return switch (type) {
                case TEXT, RICH_TEXT, PICTURE, AUDIO -> true;
                case FILE, VIDEO, UNKNOWN -> false;
            };
        }
    }

    /** {@code 帮助}, or nothing at all: the help text. What passes is a question, and logged as one. */
    record Help(String helpText) implements Step {
        @Override
        public Outcome apply(MessageContext message) {
            if (asksForHelp(message.message())) {
                message.responder().markdown(helpText);
                return Outcome.FINISHED;
            }
            IncomingMessage incoming = message.message();
            log.info("🙋 {} asked a question in {}", LogText.safe(incoming.sender().nick()),
                    LogText.safe(incoming.chatTitle()));
            log.debug("question of {}: {}", LogText.safe(incoming.sender().nick()), LogText.safe(message.text()));
            return Outcome.PASS_ON;
        }

        /** {@code 帮助}, or a message with nothing in it: no words, no picture, no file, its own or quoted. */
        static boolean asksForHelp(IncomingMessage message) {
            String text = message.text().trim();
            return (text.isEmpty() && message.attachments().isEmpty() && message.quoted().attachments().isEmpty())
                    || text.equals("帮助");
        }
    }

    /**
     * {@code #图片}, {@code #查对话}, {@code #域名}, {@code #证书}. A {@code #图片} goes through {@code admission}
     * (the rate and quota steps) before it reaches the image model.
     */
    record Prefix(PrefixCommands commands, List<Step> admission) implements Step {
        @Override
        public Outcome apply(MessageContext message) {
            boolean handled = commands.handle(message,
                    () -> Step.inOrder(admission, message) == Outcome.PASS_ON);
            return handled ? Outcome.FINISHED : Outcome.PASS_ON;
        }
    }

    /** A template's title alone is described; a title and a question becomes the template's question. */
    record Template(Templates templates) implements Step {
        @Override
        public Outcome apply(MessageContext message) {
            Optional<Templates.Match> match = templates.match(message.text());
            if (match.isEmpty()) return Outcome.PASS_ON;
            if (match.get() instanceof Templates.Match.Description description) {
                message.responder().text(description.text());
                return Outcome.FINISHED;
            }
            message.rewriteQuestion(((Templates.Match.Expanded) match.get()).question());
            return Outcome.PASS_ON;
        }
    }

    /** 单聊, 串聊, 重置, 模板, 余额 and the other whole-message commands, after a template's expansion. */
    record Keyword(KeywordCommands commands) implements Step {
        @Override
        public Outcome apply(MessageContext message) {
            return commands.handle(message) ? Outcome.FINISHED : Outcome.PASS_ON;
        }
    }

    /** Model calls per minute per sender; of a flood over the rate, only the first in a minute is told. */
    record RateLimit(CallRate rate, BotObserver observer) implements Step {
        @Override
        public Outcome apply(MessageContext message) {
            return switch (rate.take(message.message().sender().identifier())) {
                case GO -> Outcome.PASS_ON;
                case TOO_FAST -> Step.refuse(message, observer, "rate", ReplyTexts.TOO_FAST);
                case TOO_FAST_TOLD -> {
                    observer.messageRejected("rate");
                    yield Outcome.FINISHED;
                }
            };
        }
    }

    /** A ticket of the sender's daily quota, which the message holds from here on (VIPs are not counted). */
    record Quota(DailyQuota quota, AccessPolicy access, BotObserver observer) implements Step {
        @Override
        public Outcome apply(MessageContext message) {
            IncomingMessage incoming = message.message();
            Optional<DailyQuota.Ticket> ticket = quota.acquire(incoming.sender().identifier(),
                    access.isVip(incoming.sender().staffId()));
            if (ticket.isPresent()) {
                message.hold(ticket.get());
                return Outcome.PASS_ON;
            }
            observer.quotaHit();
            return Step.refuse(message, observer, "quota", ReplyTexts.quotaReached(incoming.sender().nick()));
        }
    }

    /** The message's pictures and those of the message it quotes, downloaded; a picture alone that could not be is told so. */
    record Pictures() implements Step {
        @Override
        public Outcome apply(MessageContext message) {
            IncomingMessage incoming = message.message();
            List<Attachment> pictures = new ArrayList<>(incoming.pictures());
            incoming.quoted().attachments().stream().filter(a -> a.kind() == Attachment.Kind.PICTURE)
                    .forEach(pictures::add);
            List<Image> images = new ArrayList<>();
            for (Attachment picture : pictures) {
                message.responder().channel().fetchImage(picture).ifPresentOrElse(images::add,
                        () -> log.warn("picture {} of message {} could not be downloaded", picture.downloadCode(),
                                incoming.msgId()));
            }
            if (!pictures.isEmpty() && images.isEmpty() && message.text().isEmpty()) {
                message.responder().text(ReplyTexts.PICTURE_UNAVAILABLE);
                return Outcome.FINISHED;
            }
            message.attach(images);
            if (message.question().isEmpty()) message.rewriteQuestion(ReplyTexts.DESCRIBE_PICTURE);
            return Outcome.PASS_ON;
        }
    }
}
