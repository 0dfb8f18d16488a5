package dev.dingbot.app.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.testkit.dingtalk.BotMessages;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generated bad bot-message payloads, all from one seed: broken JSON, wrong types, missing fields, huge strings,
 * unpaired surrogates and invalid UTF-8 bytes, unknown msgtypes. Their session webhooks point at the fake DingTalk,
 * so whatever the bot answers to them can be inspected.
 */
final class BadPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("msgId", "conversationType", "conversationId", "text",
            "msgtype", "senderStaffId", "senderNick", "senderId", "createAt", "sessionWebhook", "robotCode",
            "content", "chatbotUserId", "sessionWebhookExpiredTime");
    private static final List<JsonNode> WRONG_VALUES;

    static {
        try {
            WRONG_VALUES = List.of(JSON.readTree("null"), JSON.readTree("42"), JSON.readTree("-1.5e308"),
                    JSON.readTree("true"), JSON.readTree("[]"), JSON.readTree("[1,{\"a\":null}]"),
                    JSON.readTree("{}"), JSON.readTree("{\"content\":{\"content\":7}}"), JSON.readTree("\"\""),
                    JSON.readTree("\"3\""), JSON.readTree("\"not a number\""), JSON.readTree("9223372036854775807"));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Random random;
    private final String apiBase;

    BadPayloads(long seed, String apiBase) {
        this.random = new Random(seed);
        this.apiBase = apiBase;
    }

    /** The {@code i}-th bad payload, as bytes (some are not valid UTF-8). */
    byte[] next(int i) {
        ObjectNode valid = valid(i);
        return switch (random.nextInt(7)) {
            case 0 -> truncated(valid.toString());
            case 1 -> utf8(wrongType(valid).toString());
            case 2 -> utf8(missing(valid).toString());
            case 3 -> utf8(huge(valid, i).toString());
            case 4 -> utf8(unpairedSurrogates(valid.toString()));
            case 5 -> invalidUtf8(valid.toString());
            default -> utf8(unknownType(valid).toString());
        };
    }

    private ObjectNode valid(int i) {
        BotMessages m = random.nextBoolean() ? BotMessages.privateChat() : BotMessages.group();
        String json = m.sender("bad" + (i % 50), "Mallory").text("bad input " + i).sessionWebhookBase(apiBase).json();
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] truncated(String json) {
        return utf8(json.substring(0, random.nextInt(json.length())));
    }

    private ObjectNode wrongType(ObjectNode payload) {
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            payload.set(pick(FIELDS), WRONG_VALUES.get(random.nextInt(WRONG_VALUES.size())).deepCopy());
        }
        return payload;
    }

    private ObjectNode missing(ObjectNode payload) {
        for (int n = 1 + random.nextInt(4); n > 0; n--) payload.remove(pick(FIELDS));
        return payload;
    }

    /** A few huge payloads (about 100 KB, under the Stream client's 256 KiB frame limit); most just long. */
    private ObjectNode huge(ObjectNode payload, int i) {
        int size = i % 500 == 3 ? 30_000 : 2_000;
        String field = pick(List.of("senderNick", "msgId", "conversationId", "senderStaffId", "text"));
        String filler = "长".repeat(size) + "x".repeat(size);
        if (field.equals("text")) payload.putObject("text").put("content", filler);
        else payload.put(field, filler);
        return payload;
    }

    private String unpairedSurrogates(String json) {
        String lone = pick(List.of("\\ud800", "\\udfff", "\\udbff\\u0041", "\\u0000", "\\u001b[31m"));
        return json.replace("bad input", "bad" + lone + "input").replace("Mallory", "Mal" + lone);
    }

    private byte[] invalidUtf8(String json) {
        byte[] bytes = utf8(json.replace("bad input", "bad#input"));
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        for (int k = 0; k < bytes.length; k++) {
            if (bytes[k] == '#') bytes[k] = bad[random.nextInt(bad.length)];
        }
        return bytes;
    }

    private ObjectNode unknownType(ObjectNode payload) {
        String type = pick(List.of("interactiveCard", "markdown", "", "TEXT", "chatRecord", "🤖", "text\u0000"));
        payload.put("msgtype", type);
        if (random.nextBoolean()) payload.remove("text");
        payload.putObject("content").put("unknownMsgType", "?");
        return payload;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
