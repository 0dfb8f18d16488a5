package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.DocumentText;

import java.util.List;
import java.util.stream.Collectors;

import dev.dingbot.core.model.ToolResult;

import java.time.Duration;

import static dev.dingbot.core.pipeline.MarkdownText.plain;

/**
 * Every user-visible text of the bot. The original's texts are kept word for word (DingTalk emoticon codes such
 * as [Concentrate] included); texts marked "ours" are new.
 */
final class ReplyTexts {

    static final String SENSITIVE_QUESTION = "**🤷 抱歉，您提问的问题中包含敏感词汇，请审核自己的对话内容之后再进行！**";
    static final String CHAT_TYPE_DISABLED = "**🤷 抱歉，管理员禁用了这种聊天方式，请选择其他聊天方式与机器人对话！**";
    static final String GROUP_DENIED = "**🤷 抱歉，该群组未被认证通过，无法使用机器人对话功能。**\n>如需继续使用，请联系管理员申请访问权限。";
    static final String USER_DENIED = "**🤷 抱歉，您的身份信息未被认证通过，无法使用机器人对话功能。**\n>如需继续使用，请联系管理员申请访问权限。";
    static final String HISTORY_DENIED = "**🤷 抱歉，您没有查询对话记录的权限，只有程序管理员可以查询！**";
    static final String HISTORY_UNKNOWN_USER = "用户名错误，这个用户不存在，请核实之后再进行查询";
    static final String HISTORY_USAGE = "使用如下指令进行查询:\n\n---\n\n**#查对话 username:张三**\n\n---\n\n"
            + "需要注意格式必须严格与上边一致，否则将会查询失败\n\n只有程序系统管理员有权限查询，即config.yml中的admin_users指定的人员。";
    static final String IMAGE_HELP = "发送以 **#图片** 开头的内容，将会触发绘画能力，图片生成之后，将会通过消息回复给您。"
            + "建议尽可能描述需要生成的图片内容及相关细节。\n 如果你绘图没有思路，可以在这两个网站寻找灵感。\n"
            + " - [https://lexica.art/](https://lexica.art/)\n- [https://www.clickprompt.org/zh-CN/](https://www.clickprompt.org/zh-CN/)";
    static final String IMAGE_ERROR_PREFIX = "请求openai失败了，错误信息：";
    static final String IMAGE_REPLY_PREFIX = ">点击图片可旋转或放大。\n![](";
    static final String LLM_ERROR_PREFIX = "[Wrong] 请求 OpenAI 失败了\n\n> 错误信息:";
    static final String QUESTION_TOO_LONG_HINT = "\n\n> 已超过最大文本限制，请缩短提问文字的字数。";
    static final String CONTEXT_RESET_HINT = "\n\n> 串聊已超过最大文本限制，对话已重置，请重新发起。";

    // ours
    static final String TOO_FAST = "**🤷 您的提问太频繁了，请一分钟后再试。**";
    static final String IMAGES_DISABLED = "当前未开启图片创作功能，请联系管理员。";
    static final String DOMAIN_USAGE = "请按如下格式查询：#域名 example.com";
    static final String CERT_USAGE = "请按如下格式查询：#证书 example.com";
    static final String LOOKUP_FAILED_PREFIX = "查询失败：";
    static final String HISTORY_SENT_PRIVATELY = "对话记录的查看链接已私聊发给您，请查收。";
    static final String HISTORY_ASK_PRIVATELY = "对话记录的链接不在群里发送，请在与机器人的私聊中发送该指令查询。";
    static final String HISTORY_NO_LINK = "对话记录已生成，但未配置 service_url，无法生成查看链接。";
    static final String UNSUPPORTED_TYPE = "暂不支持这种消息（文件、视频等），请发送文字、语音、图片或图文消息。";
    static final String UNSUPPORTED_TYPE_BUT_FILES = "暂不支持这种消息（视频等），请发送文字、语音、图片、文件或图文消息。";
    static final String FILE_UNAVAILABLE = "文件获取失败，请重新发送。";
    static final String SUPPORTED_FILES = "支持 PDF、Word（.docx）、Excel（.xlsx）、PowerPoint（.pptx），"
            + "以及 txt、md、csv、json、log、代码等文本文件。";
    static final String DOCUMENT_CUT = "\n\n> 📄 文件太长，只读取了前面的部分。";
    static final String PICTURE_UNAVAILABLE = "图片获取失败，请重新发送。";
    static final String DESCRIBE_PICTURE = "请描述这张图片。";
    static final String THINKING = "稍等，让我想一想……";
    static final String EMPTY_ANSWER = "模型没有给出回答，请换个问法再试一次。";
    static final String MODEL_SWITCH_DENIED = "**🤷 抱歉，您没有切换模型的权限，只有程序管理员可以切换！**";
    static final String MODEL_SWITCH_OFF = "**🤷 抱歉，管理员关闭了模型切换功能。**";

    private ReplyTexts() {
    }

    static String modeSwitched(String nick, String modeCommand, String suffix) {
        return "**[Concentrate] 现在进入与 " + plain(nick) + " 的" + modeCommand + "模式**" + suffix;
    }

    static String modeRestoreHint(String duration, String defaultModeLabel) {
        return "\n\n>" + duration + " 后将恢复默认聊天模式：" + defaultModeLabel;
    }

    static String reset(String nick) {
        return "[RecyclingSymbol]已重置与**" + plain(nick) + "** 的对话模式\n\n> 可以开始新的对话 [Bubble]";
    }

    static String templates(String nick, String titles) {
        return plain(nick) + " 您好，当前程序内置集成了这些提示词：\n\n-----\n\n| " + titles + "\n\n-----\n\n"
                + "您可以选择某个提示词作为对话内容的开头。\n\n"
                + "以周报为例，可发送\"#周报 我本周用Go写了一个钉钉集成ChatGPT的聊天应用\"，可将工作内容填充为一篇完整的周报。\n\n"
                + "-----\n\n若您不清楚某个提示词的所代表的含义，您可以直接发送提示词，例如直接发送\"#周报\"";
    }

    /** Ours: the models, the current one marked; how to switch when the asker may. */
    static String models(String nick, List<String> models, String current, boolean mayChoose) {
        String list = models.stream().map(m -> "- " + plain(m) + (m.equals(current) ? " ✅ 当前" : ""))
                .collect(Collectors.joining("\n"));
        return plain(nick) + " 您好，当前可用的模型有：\n\n" + list + "\n\n-----\n\n"
                + (mayChoose ? "发送\"#模型 模型名\"可切换本对话使用的模型，发送\"重置\"恢复默认模型。"
                             : "当前模型：" + plain(current));
    }

    /** Ours, in the style of {@link #modeSwitched}; {@code timeout} empty when sessions do not time out. */
    static String modelSwitched(String nick, String model, String timeout) {
        return "**[Concentrate] 现在与 " + plain(nick) + " 的对话使用模型 " + plain(model) + "**\n\n>"
                + (timeout.isEmpty() ? "" : timeout + " 内无对话或") + "发送\"重置\"后将恢复默认模型";
    }

    static String modelUnknown(String name, List<String> models) {
        return "没有名为 " + plain(name) + " 的模型，可选的模型有：\n\n"
                + models.stream().map(m -> "- " + plain(m)).collect(Collectors.joining("\n"));
    }

    static String templateDescription(String title, String prefix, String suffix) {
        return title + "：\n" + prefix + "___输入内容___" + suffix;
    }

    /** Ours, in the style of the original's error reply; it is not a model failure, so it does not say so. */
    static String questionTooLong(int maxTokens) {
        return "[Wrong] 问题太长了\n\n> 错误信息:提问超过了 " + maxTokens + " 个 token 的上限" + QUESTION_TOO_LONG_HINT;
    }

    static String quotaReached(String nick) {
        return "[Staple] **一个好的问题，胜过十个好的答案！** \n\n亲爱的" + plain(nick)
                + ":\n\n您今日请求次数已达上限，请明天再来，交互发问资源有限，请务必斟酌您的问题，给您带来不便，敬请谅解！\n\n如有需要，可联系管理员升级为VIP用户。";
    }

    static String groupId(String title, String conversationId) {
        return "🙋 企业内部机器人 在『" + plain(title) + "』群的ConversationID为: \"" + conversationId + "\"";
    }

    static String historyLinks(String viewUrl, String downloadUrl) {
        return "- 在线查看: [点我](" + viewUrl + ")\n- 下载文件: [点我](" + downloadUrl + ")\n"
                + "- 在线预览请安装插件:[Markdown Preview Plus](https://chrome.google.com/webstore/detail/markdown-preview-plus/febilkbfcbhebfnokafefeacimjdckgl)";
    }

    static String whois(String created, String expires, String registrar) {
        return "**创建时间:** " + created + "\n\n**到期时间:** " + expires + "\n\n**服务商:** " + registrar;
    }

    static String certificate(String notBefore, String notAfter, String issuer) {
        return "**证书创建时间:** " + notBefore + "\n\n**证书到期时间:** " + notAfter + "\n\n**证书颁发机构:** " + issuer + "\n\n";
    }

    /** A tool call's line in the card while it runs. */
    static String toolRunning(String tool) {
        return "🔧 " + tool + " …";
    }

    /** A tool call's line in the card once it ended: {@code ✅ 0.4 s} or {@code ❌ timeout}. */
    static String toolEnded(String tool, ToolResult result, Duration took) {
        return "🔧 " + tool + (result.isOk() ? " ✅ " + DurationText.seconds(took) : " ❌ " + result.outcome().word());
    }

    /** Under an answer given after the last tool round, when the model still wanted tools. */
    static String toolRoundsExhausted(int rounds) {
        return "\n\n> 🔧 工具调用已达上限（" + rounds + " 轮），这个回答没有用上更多工具。";
    }

    /** A quoted message's words before the question that refers to them. */
    static String quoting(String quoted, String question) {
        return "引用的消息：\n" + quoted.lines().map(line -> "> " + line).collect(Collectors.joining("\n"))
                + "\n\n" + question;
    }

    /** What the history shows of the files a message brought: their names, never their content. */
    static String documentNames(List<DocumentText> documents) {
        return documents.stream().map(d -> "📎 " + d.fileName()).collect(Collectors.joining("\n"));
    }

    /** The reply to a file sent without a question. */
    static String documentReceipt(DocumentText d) {
        String extent = d.pages() > 0 ? "，" + d.pages() + (d.kind().equals("PowerPoint") ? " 页幻灯片" : " 页")
                : d.sheets() > 0 ? "，" + d.sheets() + " 个工作表" : "";
        return "📄 已收到《" + plain(d.fileName()) + "》：" + d.kind() + extent + "，约 " + characters(d.text().length())
                + (d.cut() ? "（文件太长，只读取了前面的部分）" : "") + "。\n\n"
                + "> 现在可以就这份文件提问，例如：「总结一下这份文件的要点」。发送「重置」可清除已收到的文件。";
    }

    static String fileTooLarge(long maxBytes) {
        return "**🤷 文件太大了，无法读取。**\n> 文件大小上限为 " + megabytes(maxBytes) + "，请压缩或拆分后再发送。";
    }

    /** Why a file that arrived could not be read, and what can be. */
    static String documentNotRead(DocumentText d) {
        return switch (d.outcome()) {
            case NO_TEXT -> "**🤷 这份文件里没有可读取的文字（可能是扫描件或图片）。**\n> 请发送带文字的文件，或把图片直接发给我。";
            case ENCRYPTED -> "**🤷 文件设置了密码，无法读取。**\n> 请去掉密码后再发送。";
            case CORRUPT -> "**🤷 文件已损坏或格式不正确，无法读取。**\n> 请检查文件后重新发送。" + SUPPORTED_FILES;
            case TOO_SLOW -> "**🤷 文件太复杂，未能在限定时间内读完。**\n> 请拆分后再发送。";
            case UNSUPPORTED_TYPE, READ -> "**🤷 暂不支持这种文件。**\n> " + SUPPORTED_FILES;
        };
    }

    /** About how many characters, as a Chinese reader counts them: 3200 → 3200 字, 34000 → 3.4 万字. */
    private static String characters(int n) {
        if (n < 10_000) return n + " 字";
        return String.format(java.util.Locale.ROOT, "%.1f 万字", n / 10_000.0).replace(".0 ", " ");
    }

    private static String megabytes(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + "MB" : bytes + " 字节";
    }

    static String cardHeader(String question) {
        return "**" + question + "**\n\n";
    }
}
