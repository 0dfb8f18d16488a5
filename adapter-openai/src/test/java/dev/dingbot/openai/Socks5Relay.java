package dev.dingbot.openai;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal SOCKS5 proxy on loopback (CONNECT only, optional user/password) that records what clients asked. */
final class Socks5Relay implements AutoCloseable {

    final List<String> credentials = new CopyOnWriteArrayList<>();
    final List<String> targets = new CopyOnWriteArrayList<>();
    private final boolean requirePassword;
    private final ServerSocket server;

    Socks5Relay(boolean requirePassword) throws IOException {
        this.requirePassword = requirePassword;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "socks5-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "socks5-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            var in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            in.readUnsignedByte(); // version 5
            in.readNBytes(in.readUnsignedByte()); // offered methods
            out.write(new byte[]{5, (byte) (requirePassword ? 2 : 0)});
            if (requirePassword) {
                in.readUnsignedByte(); // sub-negotiation version 1
                String user = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
                String pass = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
                credentials.add(user + ":" + pass);
                out.write(new byte[]{1, 0});
            }
            in.readUnsignedByte(); // version
            in.readUnsignedByte(); // CONNECT
            in.readUnsignedByte(); // reserved
            int type = in.readUnsignedByte();
            String host = switch (type) {
                case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                default -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
            };
            int port = in.readUnsignedShort();
            targets.add(host + ":" + port);
            try (Socket upstream = new Socket(host, port)) {
                out.write(new byte[]{5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
                Thread pump = new Thread(() -> copy(upstream, client), "socks5-pump");
                pump.setDaemon(true);
                pump.start();
                copy(client, upstream);
                pump.join(2000);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away; nothing to clean up beyond the sockets
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            in.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
