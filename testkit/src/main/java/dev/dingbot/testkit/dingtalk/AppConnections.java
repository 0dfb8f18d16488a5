package dev.dingbot.testkit.dingtalk;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Every Stream connection the gateway accepted, in connect order, grouped by app; picks the connection a bot
 * message goes to as DingTalk does: one of the app's open connections, at random.
 */
final class AppConnections {

    private final List<GatewayConnection> all = new CopyOnWriteArrayList<>();
    private volatile Random random = new Random();

    synchronized GatewayConnection add(String ticket, String clientId, BiConsumer<GatewayConnection, String> onText,
                                       Runnable onStateChange) {
        GatewayConnection connection = new GatewayConnection(all.size(), ticket, clientId, onText, onStateChange);
        all.add(connection);
        return connection;
    }

    void seed(long seed) {
        random = new Random(seed);
    }

    List<GatewayConnection> all() {
        return all;
    }

    GatewayConnection get(int index) {
        if (index < 0 || index >= all.size()) {
            throw new IllegalArgumentException("no connection " + index + "; " + all.size() + " were opened");
        }
        return all.get(index);
    }

    /** The open connections of the app, in connect order. */
    List<GatewayConnection> open(String clientId) {
        return all.stream().filter(c -> c.isOpen() && c.clientId().equals(clientId)).toList();
    }

    GatewayConnection newestOpenOrNull() {
        for (int i = all.size() - 1; i >= 0; i--) {
            GatewayConnection c = all.get(i);
            if (c.isOpen()) return c;
        }
        return null;
    }

    /**
     * An open connection of {@code clientId}'s app (null: the app of the newest open connection), chosen at random
     * among those not in {@code excluded}; one other than {@code avoid} and not draining when there is such a one.
     * Null when there is none.
     */
    GatewayConnection pick(String clientId, GatewayConnection avoid, Set<GatewayConnection> excluded) {
        String app = clientId;
        if (app == null) {
            GatewayConnection newest = newestOpenOrNull();
            if (newest == null) return null;
            app = newest.clientId();
        }
        List<GatewayConnection> candidates = open(app).stream().filter(c -> !excluded.contains(c)).toList();
        candidates = preferring(candidates, c -> c != avoid);
        candidates = preferring(candidates, c -> !c.isDraining());
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private static List<GatewayConnection> preferring(List<GatewayConnection> candidates,
                                                      Predicate<GatewayConnection> better) {
        List<GatewayConnection> preferred = candidates.stream().filter(better).toList();
        return preferred.isEmpty() ? candidates : preferred;
    }
}
