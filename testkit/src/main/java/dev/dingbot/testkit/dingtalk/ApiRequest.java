package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

/**
 * One request the fake DingTalk API received.
 *
 * @param method     HTTP method
 * @param path       URL path without the query
 * @param query      query parameters (first value of each)
 * @param headers    request headers, names in lower case (first value of each)
 * @param json       the parsed JSON body; a missing node when the body is not JSON (multipart, empty)
 * @param body       the raw body bytes
 * @param receivedAt wall-clock arrival time
 * @param nanoTime   {@link System#nanoTime()} at arrival, for measuring gaps between requests
 */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                         JsonNode json, byte[] body, Instant receivedAt, long nanoTime) {

    public String header(String name) {
        return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
    }

    public String queryParameter(String name) {
        return query.getOrDefault(name, "");
    }

    @Override
    public String toString() {
        return method + " " + path + " " + json;
    }
}
