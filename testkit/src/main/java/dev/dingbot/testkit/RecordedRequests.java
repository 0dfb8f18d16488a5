package dev.dingbot.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Taking what a fake server recorded, the same way for every fake provider. */
public final class RecordedRequests {

    private RecordedRequests() {
    }

    /** The next recorded request, waiting up to 5 s; null if none came. */
    public static RecordedRequest next(MockWebServer server) {
        try {
            return server.takeRequest(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next recorded request's body as the fake reads JSON; fails when no request came. */
    public static JsonNode nextJson(MockWebServer server, Function<RecordedRequest, JsonNode> json) {
        RecordedRequest request = next(server);
        if (request == null) throw new IllegalStateException("no request arrived");
        return json.apply(request);
    }
}
