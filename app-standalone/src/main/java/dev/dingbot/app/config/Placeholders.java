package dev.dingbot.app.config;

import dev.dingbot.dingtalk.DingTalkSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Values still as an example config ships them: ours ({@code put-your-…}) and the original's ({@code xxxxxxxxx},
 * {@code http://xxxxxx}). They load, so the start is not blocked, but nothing should be asked with them.
 */
public final class Placeholders {

    private static final Pattern ORIGINALS = Pattern.compile("(?i)(https?://)?x{3,}/?");

    private Placeholders() {
    }

    public static boolean is(String value) {
        String v = value.trim();
        return v.startsWith("put-your-") || ORIGINALS.matcher(v).matches();
    }

    public static boolean is(DingTalkSettings.Credential credential) {
        return is(credential.clientId()) || is(credential.clientSecret());
    }

    /** Whether the key the model is asked with is a placeholder: the one in use, api_key or azure_openai_token. */
    public static boolean inModelKey(AppConfig.Llm llm) {
        return is(llm.azure().on() ? llm.azure().token().reveal() : llm.apiKey().reveal());
    }

    /** The keys in use that still hold a placeholder, as they are spelt in the file. */
    static List<String> keys(AppConfig.Llm llm, AppConfig.Server server, AppConfig.DingTalk dingtalk) {
        List<String> keys = new ArrayList<>();
        if (inModelKey(llm)) keys.add(llm.azure().on() ? "azure_openai_token" : "api_key");
        if (is(server.serviceUrl())) keys.add("service_url");
        for (DingTalkSettings.Credential c : dingtalk.credentials()) {
            if (is(c)) keys.add("credentials (client_id " + c.clientId() + ")");
        }
        return keys;
    }
}
