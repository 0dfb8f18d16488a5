package dev.dingbot.core.testing;

import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.Inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An inbox several bot instances share, in memory: the work-queue semantics of {@link Inbox} kept by one
 * {@link Board}, so that core's intake can be tested with several instances and a shared store's implementation
 * has a reference. Each instance is {@link Board#instance(String)}.
 */
public final class SharedMemoryInbox implements Inbox {

    /** What the instances share: every message admitted, and who holds which lane until when. */
    public static final class Board {
        private final Clock clock;
        private final Duration lease;
        private final Map<String, IncomingMessage> admitted = new LinkedHashMap<>();
        private final Map<String, Boolean> done = new HashMap<>();
        private final Map<String, Holder> lanes = new HashMap<>();

        private record Holder(String instance, Instant until) {
        }

        public Board(Clock clock, Duration lease) {
            this.clock = clock;
            this.lease = lease;
        }

        public SharedMemoryInbox instance(String id) {
            return new SharedMemoryInbox(this, id);
        }

        /** Who holds {@code laneKey} now, if anyone's lease runs. */
        public synchronized Optional<String> holder(String laneKey) {
            Holder holder = lanes.get(laneKey);
            return holder == null || !holder.until().isAfter(clock.instant()) ? Optional.empty() : Optional.of(holder.instance());
        }

        private Optional<IncomingMessage> oldestPending(String laneKey) {
            return admitted.values().stream().filter(m -> m.laneKey().equals(laneKey) && !done.get(m.msgId())).findFirst();
        }

        private boolean free(String laneKey, String instance) {
            Holder holder = lanes.get(laneKey);
            return holder == null || holder.instance().equals(instance) || !holder.until().isAfter(clock.instant());
        }

        private void hold(String laneKey, String instance) {
            lanes.put(laneKey, new Holder(instance, clock.instant().plus(lease)));
        }
    }

    private final Board board;
    private final String id;

    private SharedMemoryInbox(Board board, String id) {
        this.board = board;
        this.id = id;
    }

    @Override
    public boolean admit(IncomingMessage message) {
        synchronized (board) {
            if (board.admitted.containsKey(message.msgId())) return false;
            board.admitted.put(message.msgId(), message);
            board.done.put(message.msgId(), false);
            return true;
        }
    }

    @Override
    public void complete(String msgId) {
        synchronized (board) {
            board.done.replace(msgId, true);
        }
    }

    @Override
    public List<IncomingMessage> pending() {
        synchronized (board) {
            return board.admitted.values().stream().filter(m -> !board.done.get(m.msgId())).toList();
        }
    }

    @Override
    public boolean claim(IncomingMessage message) {
        synchronized (board) {
            String lane = message.laneKey();
            boolean oldest = board.oldestPending(lane).map(m -> m.msgId().equals(message.msgId())).orElse(false);
            if (!oldest || !board.free(lane, id)) return false;
            board.hold(lane, id);
            return true;
        }
    }

    @Override
    public Optional<IncomingMessage> next(String laneKey) {
        Optional<IncomingMessage> next;
        synchronized (board) {
            if (!board.free(laneKey, id)) return Optional.empty(); // taken over meanwhile: the lane is another's
            next = board.oldestPending(laneKey);
            if (next.isPresent()) {
                board.hold(laneKey, id);
                return next;
            }
            board.lanes.remove(laneKey);
        }
        return Optional.empty();
    }

    @Override
    public List<IncomingMessage> takeOver(int max) {
        synchronized (board) {
            List<IncomingMessage> taken = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (IncomingMessage m : board.admitted.values()) {
                if (taken.size() >= max) break;
                String lane = m.laneKey();
                if (board.done.get(m.msgId()) || seen.contains(lane)) continue;
                seen.add(lane);
                Board.Holder holder = board.lanes.get(lane);
                if (holder != null && holder.until().isAfter(board.clock.instant())) continue;
                board.hold(lane, id);
                taken.add(m);
            }
            return taken;
        }
    }

    @Override
    public void renewLeases() {
        synchronized (board) {
            board.lanes.replaceAll((lane, holder) -> holder.instance().equals(id)
                    ? new Board.Holder(id, board.clock.instant().plus(board.lease)) : holder);
        }
    }

    @Override
    public Optional<Duration> lease() {
        return Optional.of(board.lease);
    }

    @Override
    public String toString() {
        return "SharedMemoryInbox[" + id + "]";
    }
}
