package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.HistoryEntry;
import dev.dingbot.core.model.HistoryEntry.Kind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.HistoryStore;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Writes the question/answer rows of the original (spec §6.1) and renders a user's log for {@code #查对话}. */
final class HistoryLog {

    /** The most recent rows a rendered log holds; older ones are left out. */
    static final int MAX_RENDERED_ROWS = 2000;
    private static final int PAGE = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final HistoryStore store;
    private final Clock clock;
    private final ZoneId zone;

    HistoryLog(HistoryStore store, Clock clock, ZoneId zone) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    long question(IncomingMessage message, String content, long parentId) {
        return append(message, Kind.QUESTION, content, parentId);
    }

    long answer(IncomingMessage message, String content, long questionId) {
        return append(message, Kind.ANSWER, content, questionId);
    }

    private long append(IncomingMessage message, Kind kind, String content, long parentId) {
        HistoryEntry entry = new HistoryEntry(0, clock.instant(), kind, parentId, message.sender().nick(),
                message.sender().staffId(), message.chatTitle(), content);
        return store.append(entry).id();
    }

    /** The user's rows, oldest first, as the original's markdown; empty when the user has none. */
    String render(String user) {
        List<HistoryEntry> rows = new ArrayList<>();
        while (rows.size() < MAX_RENDERED_ROWS) {
            List<HistoryEntry> page = store.findByUser(user, rows.size(), PAGE);
            rows.addAll(page);
            if (page.size() < PAGE) break;
        }
        Collections.reverse(rows);
        StringBuilder md = new StringBuilder();
        for (HistoryEntry row : rows) {
            String time = TIME.format(row.at().atZone(zone));
            if (row.kind() == Kind.QUESTION) {
                md.append("## 🙋 ").append(row.userNick()).append(" 问\n\n**时间:** ").append(time)
                        .append("\n\n**问题为:** ").append(row.content()).append("\n\n");
            } else {
                md.append("## 🤖 机器人 答\n\n**时间:** ").append(time)
                        .append("\n\n**回答如下：** \n\n").append(row.content()).append("\n\n");
            }
        }
        return md.toString();
    }
}
