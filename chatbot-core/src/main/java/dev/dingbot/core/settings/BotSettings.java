package dev.dingbot.core.settings;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Everything the bot is told by its configuration. Built by the app; the core never reads files or env. */
public record BotSettings(AccessSettings access, QuotaSettings quota, ConversationSettings conversation,
                          ReplySettings replies, LaneSettings lanes, List<String> sensitiveWords,
                          String helpText, List<PromptTemplate> templates, Map<String, ModelPrice> prices,
                          ToolSettings tools, DocumentSettings documents, ModelSwitch modelSwitch) {

    public BotSettings {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(replies, "replies");
        Objects.requireNonNull(lanes, "lanes");
        sensitiveWords = List.copyOf(sensitiveWords);
        helpText = Objects.requireNonNullElse(helpText, "");
        templates = List.copyOf(templates);
        prices = Map.copyOf(prices);
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(documents, "documents");
        Objects.requireNonNull(modelSwitch, "modelSwitch");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().access(access).quota(quota).conversation(conversation).replies(replies).lanes(lanes)
                .sensitiveWords(sensitiveWords).helpText(helpText).templates(templates).prices(prices).tools(tools)
                .documents(documents).modelSwitch(modelSwitch);
    }

    /** Starts from the original's defaults: everyone allowed, no limit, 单聊, 10 minutes. */
    public static final class Builder {
        private AccessSettings access = AccessSettings.openToAll();
        private QuotaSettings quota = new QuotaSettings(0, QuotaSettings.DEFAULT_ZONE);
        private ConversationSettings conversation = ConversationSettings.defaults();
        private ReplySettings replies = ReplySettings.defaults();
        private LaneSettings lanes = LaneSettings.defaults();
        private List<String> sensitiveWords = List.of();
        private String helpText = "";
        private List<PromptTemplate> templates = List.of();
        private Map<String, ModelPrice> prices = Map.of();
        private ToolSettings tools = ToolSettings.defaults();
        private DocumentSettings documents = DocumentSettings.defaults();
        private ModelSwitch modelSwitch = ModelSwitch.ADMINS;

        public Builder access(AccessSettings value) { access = value; return this; }
        public Builder quota(QuotaSettings value) { quota = value; return this; }
        public Builder conversation(ConversationSettings value) { conversation = value; return this; }
        public Builder replies(ReplySettings value) { replies = value; return this; }
        public Builder lanes(LaneSettings value) { lanes = value; return this; }
        public Builder sensitiveWords(List<String> value) { sensitiveWords = value; return this; }
        public Builder helpText(String value) { helpText = value; return this; }
        public Builder templates(List<PromptTemplate> value) { templates = value; return this; }
        public Builder prices(Map<String, ModelPrice> value) { prices = value; return this; }
        public Builder tools(ToolSettings value) { tools = value; return this; }
        public Builder documents(DocumentSettings value) { documents = value; return this; }
        public Builder modelSwitch(ModelSwitch value) { modelSwitch = value; return this; }

        public BotSettings build() {
            return new BotSettings(access, quota, conversation, replies, lanes, sensitiveWords, helpText, templates,
                    prices, tools, documents, modelSwitch);
        }
    }
}
