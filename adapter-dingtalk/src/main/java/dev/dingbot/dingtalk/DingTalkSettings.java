package dev.dingbot.dingtalk;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the DingTalk channel is told by the configuration.
 *
 * @param credentials         one app (AppKey/AppSecret) per entry; one stream client each
 * @param apiHost             the new OpenAPI host, also used by the SDK to open stream connections
 * @param oapiHost            the legacy host: session webhooks, media upload; webhooks elsewhere are refused
 * @param cardsEnabled        answer in streaming AI cards ({@code stream_mode})
 * @param cardTemplateId      the card template; defaults to DingTalk's public AI-card template
 * @param cardUpdateInterval  card updates are coalesced to at most one per interval per card
 * @param allowOutgoingGroups outgoing robots are accepted only from these conversations when not empty
 * @param maxCallbackBytes    larger HTTP callback bodies are refused
 * @param callbackWindow      how old a signed callback's timestamp may be (DingTalk's rule: an hour)
 * @param httpTimeout         connect and read timeout of every call to DingTalk
 * @param sendRetries         extra attempts for a reply that failed for a transient reason
 * @param callbackTrust       which HTTP callbacks are taken besides those signed by an app of {@code credentials}
 */
public record DingTalkSettings(List<Credential> credentials, String apiHost, String oapiHost,
                               boolean cardsEnabled, String cardTemplateId, Duration cardUpdateInterval,
                               Set<String> allowOutgoingGroups, int maxCallbackBytes, Duration callbackWindow,
                               Duration httpTimeout, int sendRetries, CallbackTrust callbackTrust) {

    public static final String DEFAULT_API_HOST = "https://api.dingtalk.com";
    public static final String DEFAULT_OAPI_HOST = "https://oapi.dingtalk.com";
    /** DingTalk's public AI-card template: content variable {@code msgContent}, status {@code flowStatus}. */
    public static final String PUBLIC_AI_CARD_TEMPLATE = "02fcf2f4-5e02-4a85-b672-46d1f715543e.schema";

    public record Credential(String clientId, String clientSecret) {
        public Credential {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }

        @Override
        public String toString() {
            return "Credential[clientId=" + clientId + ", clientSecret=***]";
        }
    }

    /**
     * HTTP callbacks taken besides those an app of {@code credentials} signed.
     *
     * @param secrets          more secrets a callback may be signed with, for no app in particular (the original's
     *                         {@code app_secrets}); replies to those go through the session webhook only
     * @param unsignedAccepted callbacks without {@code timestamp} and {@code sign} are taken too: anyone who reaches
     *                         the port can post as anyone, admins included
     */
    public record CallbackTrust(List<String> secrets, boolean unsignedAccepted) {
        public static final CallbackTrust APPS_ONLY = new CallbackTrust(List.of(), false);

        public CallbackTrust {
            secrets = List.copyOf(secrets);
        }

        @Override
        public String toString() {
            return "CallbackTrust[secrets=" + secrets.size() + " (***), unsignedAccepted=" + unsignedAccepted + "]";
        }
    }

    public DingTalkSettings {
        credentials = List.copyOf(credentials);
        apiHost = stripTrailingSlash(Objects.requireNonNullElse(apiHost, DEFAULT_API_HOST));
        oapiHost = stripTrailingSlash(Objects.requireNonNullElse(oapiHost, DEFAULT_OAPI_HOST));
        cardTemplateId = cardTemplateId == null || cardTemplateId.isBlank() ? PUBLIC_AI_CARD_TEMPLATE : cardTemplateId;
        Objects.requireNonNull(cardUpdateInterval, "cardUpdateInterval");
        allowOutgoingGroups = Set.copyOf(allowOutgoingGroups);
        Objects.requireNonNull(callbackWindow, "callbackWindow");
        Objects.requireNonNull(httpTimeout, "httpTimeout");
        Objects.requireNonNull(callbackTrust, "callbackTrust");
    }

    public static DingTalkSettings defaults(List<Credential> credentials) {
        return builder().credentials(credentials).build();
    }

    /** Settings with the defaults below, each changeable by name: no app, DingTalk's hosts, plain replies. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private List<Credential> credentials = List.of();
        private String apiHost = DEFAULT_API_HOST;
        private String oapiHost = DEFAULT_OAPI_HOST;
        private boolean cardsEnabled;
        private String cardTemplateId;
        private Duration cardUpdateInterval = Duration.ofMillis(500);
        private Set<String> allowOutgoingGroups = Set.of();
        private int maxCallbackBytes = 1 << 20;
        private Duration callbackWindow = Duration.ofHours(1);
        private Duration httpTimeout = Duration.ofSeconds(10);
        private int sendRetries = 2;
        private CallbackTrust callbackTrust = CallbackTrust.APPS_ONLY;

        private Builder() {
        }

        public Builder credentials(List<Credential> value) { credentials = value; return this; }
        public Builder apiHost(String value) { apiHost = value; return this; }
        public Builder oapiHost(String value) { oapiHost = value; return this; }
        public Builder cardsEnabled(boolean value) { cardsEnabled = value; return this; }
        public Builder cardTemplateId(String value) { cardTemplateId = value; return this; }
        public Builder cardUpdateInterval(Duration value) { cardUpdateInterval = value; return this; }
        public Builder allowOutgoingGroups(Set<String> value) { allowOutgoingGroups = value; return this; }
        public Builder maxCallbackBytes(int value) { maxCallbackBytes = value; return this; }
        public Builder callbackWindow(Duration value) { callbackWindow = value; return this; }
        public Builder httpTimeout(Duration value) { httpTimeout = value; return this; }
        public Builder sendRetries(int value) { sendRetries = value; return this; }
        public Builder callbackTrust(CallbackTrust value) { callbackTrust = value; return this; }

        public DingTalkSettings build() {
            return new DingTalkSettings(credentials, apiHost, oapiHost, cardsEnabled, cardTemplateId,
                    cardUpdateInterval, allowOutgoingGroups, maxCallbackBytes, callbackWindow, httpTimeout,
                    sendRetries, callbackTrust);
        }
    }

    public boolean usesPublicTemplate() {
        return PUBLIC_AI_CARD_TEMPLATE.equals(cardTemplateId);
    }

    private static String stripTrailingSlash(String host) {
        return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
    }
}
