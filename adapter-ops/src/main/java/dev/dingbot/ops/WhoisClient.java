package dev.dingbot.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** One WHOIS question over TCP (RFC 3912): send the query line, read the whole answer until the server closes. */
final class WhoisClient {

    private final Connector connector;
    private final LookupSettings settings;

    WhoisClient(Connector connector, LookupSettings settings) {
        this.connector = connector;
        this.settings = settings;
    }

    String ask(String server, String query) throws FailedLookup {
        try (Socket socket = connector.connect(server, settings.whoisPort())) {
            socket.getOutputStream().write((query + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return readAll(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new FailedLookup(FailedLookup.Kind.UNREACHABLE, "WHOIS 服务器 " + server + " 响应超时", e);
        } catch (IOException e) {
            throw new FailedLookup(FailedLookup.Kind.UNREACHABLE, "WHOIS 服务器 " + server + " 查询失败或超时", e);
        }
    }

    private String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            out.write(buf, 0, Math.min(n, settings.maxAnswerBytes() - out.size()));
            if (out.size() >= settings.maxAnswerBytes()) break;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
