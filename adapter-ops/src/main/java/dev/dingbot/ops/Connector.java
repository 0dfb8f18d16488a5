package dev.dingbot.ops;

import dev.dingbot.core.net.PublicAddresses;
import dev.dingbot.ops.FailedLookup.Kind;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens TCP connections for the lookups: resolves once, refuses every address that is not public unless allowed
 * ({@link PublicAddresses}: an IPv4 address wrapped in IPv6 is judged by what it wraps; checking the
 * address actually connected to, so a name cannot be re-resolved elsewhere), applies timeouts and a hard
 * deadline after which the socket is closed under whoever is reading it.
 */
final class Connector {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lookup-deadline");
        t.setDaemon(true);
        return t;
    });

    private final LookupSettings settings;
    private final HostResolver resolver;

    Connector(LookupSettings settings, HostResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    /** A connected socket with read timeout set; closing it also cancels its deadline. */
    Socket connect(String host, int port) throws FailedLookup {
        IOException last = null;
        for (InetAddress address : resolve(host)) {
            Socket socket = new DeadlineSocket(settings.deadline().toMillis());
            try {
                socket.connect(new InetSocketAddress(address, port), (int) settings.connectTimeout().toMillis());
                socket.setSoTimeout((int) settings.readTimeout().toMillis());
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw new FailedLookup(Kind.UNREACHABLE, "连接 " + host + " 失败或超时", last);
    }

    /** Every address of the host, all checked: one that is not public is enough to refuse. */
    private InetAddress[] resolve(String host) throws FailedLookup {
        InetAddress[] all;
        try {
            all = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new FailedLookup(Kind.UNREACHABLE, "无法解析 " + host, e);
        }
        if (all.length == 0) throw new FailedLookup(Kind.UNREACHABLE, "无法解析 " + host);
        if (!settings.allowPrivateTargets()) {
            for (InetAddress a : all) {
                if (!PublicAddresses.isPublic(a)) {
                    throw new FailedLookup(Kind.REFUSED_ADDRESS, host + " 解析到内网或本机地址，出于安全考虑不予查询");
                }
            }
        }
        return all;
    }

    /** A socket that closes itself when its deadline passes, unblocking any read or handshake. */
    private static final class DeadlineSocket extends Socket {
        private final ScheduledFuture<?> deadline;

        DeadlineSocket(long deadlineMillis) {
            deadline = WATCHDOG.schedule(() -> closeQuietly(this), deadlineMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void close() throws IOException {
            deadline.cancel(false);
            super.close();
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
