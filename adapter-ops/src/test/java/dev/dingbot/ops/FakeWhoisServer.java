package dev.dingbot.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A WHOIS server on 127.0.0.1 speaking RFC 3912: reads one query line, writes the answer in small chunks (so a
 * client must read more than once), closes. {@code answers} maps a query to the answer; null means never answer.
 */
final class FakeWhoisServer implements AutoCloseable {

    final List<String> queries = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket server;
    private final Function<String, String> answers;

    FakeWhoisServer(Function<String, String> answers) throws IOException {
        this.answers = answers;
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "fake-whois");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> answer(s), "fake-whois-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket s) {
        try (s) {
            String query = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            queries.add(query);
            String answer = answers.apply(query);
            if (answer == null) {
                Thread.sleep(30_000);
                return;
            }
            OutputStream out = s.getOutputStream();
            byte[] bytes = answer.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i += 700) {
                out.write(bytes, i, Math.min(700, bytes.length - i));
                out.flush();
                Thread.sleep(2);
            }
        } catch (IOException | InterruptedException ignored) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
