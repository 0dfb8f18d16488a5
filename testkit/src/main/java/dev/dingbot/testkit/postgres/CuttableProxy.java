package dev.dingbot.testkit.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on 127.0.0.1 in front of the test database, standing for the network to it: {@link #cut()} closes
 * every connection and refuses new ones (the database is gone), {@link #stall()} keeps every connection open but
 * forwards nothing (a network that drops packets silently), {@link #restore()} listens on the same port again and
 * forwards what was held back.
 * The shared test server itself keeps running for the other test classes.
 */
public final class CuttableProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private boolean stalled; // guarded by this
    private final int port;

    public CuttableProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = listen(0);
    }

    public int port() {
        return port;
    }

    public synchronized void cut() throws IOException {
        listener.close();
        for (Socket s : open) s.close();
        open.clear();
    }

    public synchronized void stall() {
        stalled = true;
    }

    public synchronized void restore() throws IOException {
        stalled = false;
        notifyAll();
        if (listener.isClosed()) listen(port);
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private int listen(int onPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), onPort));
        listener = socket;
        daemon("proxy-accept", () -> accept(socket));
        return socket.getLocalPort();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(server);
                daemon("proxy-up", () -> pump(client, server));
                daemon("proxy-down", () -> pump(server, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                awaitFlowing();
                out.write(buffer, 0, n);
            }
        } catch (IOException cutOff) {
            // the other side or cut() closed it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private synchronized void awaitFlowing() throws InterruptedException {
        while (stalled) wait();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }
}
