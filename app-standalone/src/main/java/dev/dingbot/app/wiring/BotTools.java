package dev.dingbot.app.wiring;

import dev.dingbot.app.config.AppConfig;
import dev.dingbot.core.port.ToolBox;
import dev.dingbot.ops.DomainOps;

import java.util.ArrayList;
import java.util.List;

/**
 * The tools the model is offered, as configured: the built-in lookups and the MCP servers, as one {@link ToolBox};
 * closed with the bot, which stops the servers it started.
 */
final class BotTools implements AutoCloseable {

    private final ToolBox box;

    private BotTools(ToolBox box) {
        this.box = box;
    }

    static BotTools start(AppConfig.Tools config, DomainOps ops) {
        List<ToolBox> boxes = new ArrayList<>();
        if (!config.builtIn().isEmpty()) boxes.add(ops.tools(config.builtIn()));
        return new BotTools(boxes.isEmpty() ? ToolBox.NONE : ToolBox.combine(boxes));
    }

    ToolBox box() {
        return box;
    }

    @Override
    public void close() {
    }
}
