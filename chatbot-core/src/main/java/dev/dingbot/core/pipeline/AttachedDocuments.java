package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.Download;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.DocumentReader;
import dev.dingbot.core.settings.DocumentSettings;
import dev.dingbot.core.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files a message brings, its own or those of the message it quotes: downloaded, read and kept with the
 * sender's session, so that this question and the next ones are answered with them. A file with no question gets
 * a receipt; one that cannot be had or read gets a reply saying why, and nothing goes to the model. The words of
 * a quoted message go before the question, as what it refers to.
 */
final class AttachedDocuments implements Step {

    private static final Logger log = LoggerFactory.getLogger(AttachedDocuments.class);

    private final DocumentReader reader;
    private final DocumentSettings settings;
    private final Sessions sessions;
    private final HistoryLog history;

    AttachedDocuments(DocumentReader reader, DocumentSettings settings, Sessions sessions, HistoryLog history) {
        this.reader = reader;
        this.settings = settings;
        this.sessions = sessions;
        this.history = history;
    }

    @Override
    public Outcome apply(MessageContext message) {
        IncomingMessage incoming = message.message();
        String quoted = incoming.quoted().text().strip();
        if (!quoted.isEmpty() && !message.text().isEmpty()) {
            message.rewriteQuestion(ReplyTexts.quoting(quoted, message.question()));
        }
        List<Attachment> files = files(incoming);
        if (files.isEmpty() || !settings.enabled()) return Outcome.PASS_ON;
        List<DocumentText> read = new ArrayList<>();
        for (Attachment file : files) {
            Optional<DocumentText> document = fetchAndRead(message, file);
            if (document.isEmpty()) return Outcome.FINISHED;
            read.add(document.get());
        }
        read.forEach(d -> sessions.keepDocument(incoming.laneKey(), d, settings.maxPerSession()));
        message.attachDocuments(read);
        if (!message.text().isEmpty()) return Outcome.PASS_ON;
        String receipt = ReplyTexts.documentReceipt(read.get(read.size() - 1));
        long questionId = history.question(incoming, ReplyTexts.documentNames(read), 0);
        history.answer(incoming, receipt, questionId);
        message.responder().markdown(receipt);
        return Outcome.FINISHED;
    }

    private static List<Attachment> files(IncomingMessage incoming) {
        List<Attachment> files = new ArrayList<>(incoming.files());
        incoming.quoted().attachments().stream().filter(a -> a.kind() == Attachment.Kind.FILE).forEach(files::add);
        return files;
    }

    /** The document read; empty when it could not be had or read, and its sender was told why. */
    private Optional<DocumentText> fetchAndRead(MessageContext message, Attachment file) {
        Download download = message.responder().channel().download(file, settings.maxBytes());
        String name = LogText.safe(file.fileName());
        if (!download.ok()) {
            log.info("file {} of message {} not read: {}", name, message.message().msgId(), download);
            message.responder().markdown(download.outcome() == Download.Outcome.TOO_LARGE
                    ? ReplyTexts.fileTooLarge(settings.maxBytes()) : ReplyTexts.FILE_UNAVAILABLE);
            return Optional.empty();
        }
        DocumentText document = reader.read(file.fileName(), download.bytes());
        log.info("file {} of message {}: {} bytes, {} {}, {} characters{}", name, message.message().msgId(),
                download.bytes().length, document.kind(), document.outcome(), document.text().length(),
                document.cut() ? " (cut at a limit)" : "");
        if (document.isRead()) return Optional.of(document);
        message.responder().markdown(ReplyTexts.documentNotRead(document));
        return Optional.empty();
    }
}
