package dev.dingbot.app.wiring;

import dev.dingbot.app.Spelling;
import dev.dingbot.app.config.AppConfig;
import dev.dingbot.app.config.ModelConfig;
import dev.dingbot.app.config.Placeholders;
import dev.dingbot.core.provider.KeyProbe;
import dev.dingbot.dingtalk.DingTalkChannel;
import dev.dingbot.dingtalk.DingTalkSettings;
import dev.dingbot.mcp.McpServerStatus;
import dev.dingbot.ops.DomainOps;
import dev.dingbot.openai.OpenAiProvider.ProbeResult;
import dev.dingbot.storage.postgres.DatabaseFacts;
import dev.dingbot.storage.postgres.PostgresSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code dingbot check}: probes the model, every DingTalk app, the MCP servers, the data dir and, with
 * {@code storage.kind: postgres}, the database, with a fix for each problem. It changes nothing but a database's missing tables, which opening it
 * creates: no directory is created, and a placeholder value is flagged instead of being sent anywhere. MCP servers are started (or connected) to list their tools, and stopped again.
 */
final class Checkup {

    private static final String PLACEHOLDER = "still the example's placeholder";

    private final AppConfig config;

    Checkup(AppConfig config) {
        this.config = config;
    }

    int run(PrintStream out) {
        out.println();
        out.println("Checks:");
        boolean ok = model(out);
        ok &= dingTalk(out);
        ok &= serviceUrl(out);
        ok &= tools(out);
        ok &= config.storage().kind() == AppConfig.StorageKind.POSTGRES ? database(out)
                : dataDir(out, config.storage().dataDir().toAbsolutePath());
        out.println(ok ? "All checks passed." : "Some checks failed: see the fixes above.");
        return ok ? 0 : 1;
    }

    private boolean model(PrintStream out) {
        ModelConfig model = config.modelConfig();
        if (!config.llm().providers().isEmpty()) return providers(out, model);
        String key = model.kind() == ModelConfig.Kind.AZURE ? "azure_openai_token" : "api_key";
        if (Placeholders.inModelKey(config.llm())) {
            return report(out, false, "model " + model.model() + ": " + key + " is " + PLACEHOLDER
                    + " (the model was not asked)", "put your key into " + key);
        }
        try (ModelProvider provider = ModelProvider.create(model)) {
            ProbeResult probe = provider.probed().get(0).models().orElseThrow().get();
            String what = "model " + model.model() + ": " + probe.message();
            return switch (probe.outcome()) {
                case ANSWERED -> listed(out, model, probe);
                case REJECTED -> report(out, false, what, "check " + key + (model.kind() == ModelConfig.Kind.AZURE
                        ? " and the azure_* keys" : " and base_url") + ", and that the model name exists");
                case REFUSED -> report(out, false, what, model.kind() == ModelConfig.Kind.AZURE
                        ? "check azure_resource_name" : "check base_url and its port, and that the server runs");
                case UNREACHABLE -> report(out, false, what, "check the network, DNS and http_proxy between this "
                        + "host and the model server");
            };
        } catch (Exception e) {
            return report(out, false, "model: " + e.getMessage(), "fix the model settings above");
        }
    }

    /**
     * Each provider of {@code providers}: every key asked once (which work, which are refused), and for an
     * OpenAI-compatible one whether the server lists each of its models.
     */
    private boolean providers(PrintStream out, ModelConfig model) {
        try (ModelProvider chain = ModelProvider.create(model)) {
            boolean ok = true;
            List<ModelProvider.Probed> probed = chain.probed();
            for (int i = 0; i < probed.size(); i++) {
                ModelProvider.Probed provider = probed.get(i);
                String name = "provider " + provider.config().name() + " ("
                        + provider.config().kind().name().toLowerCase(Locale.ROOT) + ")";
                String keys = "providers[" + i + "].api_keys";
                for (KeyProbe key : provider.keys().get()) {
                    ok &= switch (key.verdict()) {
                        case WORKS -> report(out, true, name + ": key " + key.key() + " works", "");
                        case REFUSED -> report(out, false, name + ": key " + key.key() + " is refused: " + key.detail(),
                                "replace that key in " + keys + ", or remove it");
                        case FAILED -> report(out, false, name + ": key " + key.key() + " could not be checked: "
                                + key.detail(), "check providers[" + i + "].base_url, the network and http_proxy");
                    };
                }
                if (provider.models().isPresent()) ok &= listedBy(out, name, provider);
            }
            return ok;
        } catch (Exception e) {
            return report(out, false, "model providers: " + e.getMessage(), "fix the providers settings above");
        }
    }

    /** The provider's models the server lists; one it does not is a typo unless it lists none (or is Azure). */
    private static boolean listedBy(PrintStream out, String name, ModelProvider.Probed provider) {
        ProbeResult probe = provider.models().get().get();
        if (probe.outcome() != ProbeResult.Outcome.ANSWERED || probe.models().isEmpty()
                || provider.config().kind() == ModelConfig.Kind.AZURE) {
            return true; // the keys' lines said what was wrong, or there is no list to hold the names against
        }
        boolean ok = true;
        for (String m : provider.config().models()) {
            if (probe.models().contains(m)) continue;
            List<String> closest = Spelling.closest(m, probe.models(), 3);
            ok &= report(out, false, name + ": model " + m + " is not among the " + probe.models().size()
                    + " models the server lists" + (closest.isEmpty() ? "" : "; closest: " + String.join(", ", closest)),
                    "list only names the server has in its models");
        }
        if (ok) report(out, true, name + ": the server lists " + String.join(", ", provider.config().models()), "");
        return ok;
    }

    /** A model the server's list lacks is a typo unless the server lists nothing, or Azure lists deployments apart. */
    private static boolean listed(PrintStream out, ModelConfig model, ProbeResult probe) {
        if (probe.models().contains(model.model()) || probe.models().isEmpty()
                || model.kind() == ModelConfig.Kind.AZURE) {
            return report(out, true, "model " + model.model() + ": " + probe.message(), "");
        }
        List<String> closest = Spelling.closest(model.model(), probe.models(), 3);
        String hint = closest.isEmpty() ? "" : "; closest: " + String.join(", ", closest);
        return report(out, false, "model " + model.model() + " is not among the " + probe.models().size()
                + " models the server lists" + hint, "set model to one of the names the server lists");
    }

    private boolean dingTalk(PrintStream out) {
        DingTalkSettings settings = config.dingTalkSettings();
        if (settings.credentials().isEmpty()) out.println("  - no DingTalk credentials configured");
        boolean ok = true;
        List<DingTalkSettings.Credential> real = new ArrayList<>();
        for (DingTalkSettings.Credential c : settings.credentials()) {
            if (!Placeholders.is(c)) {
                real.add(c);
                continue;
            }
            ok &= report(out, false, "DingTalk app " + c.clientId() + ": client_id or client_secret is " + PLACEHOLDER
                    + " (DingTalk was not asked)", "copy AppKey and AppSecret of your app from the DingTalk developer "
                    + "console into credentials");
        }
        for (DingTalkChannel.CredentialCheck c : DingTalkChannel.checkCredentials(settings, real)) {
            ok &= report(out, c.ok(), "DingTalk app " + c.clientId() + ": " + c.message(), switch (c.outcome()) {
                case ACCEPTED -> "";
                case REJECTED -> c.fix() + ": copy AppKey and AppSecret of this app from the DingTalk developer "
                        + "console";
                case REFUSED -> "check dingtalk.api_host and its port";
                case UNREACHABLE -> "check the network, DNS and proxy between this host and " + settings.apiHost();
                case FAILED -> "try again in a minute; if it stays so, check the app in the DingTalk developer console";
            });
        }
        return ok;
    }

    /** The built-in tools offered, and each MCP server started (or connected), with its tools or why it failed. */
    private boolean tools(PrintStream out) {
        AppConfig.Tools tools = config.tools();
        if (!tools.any()) {
            out.println("  - no tools offered to the model");
            return true;
        }
        if (!tools.builtIn().isEmpty()) out.println("  ✔ built-in tools: " + String.join(", ", tools.builtIn()));
        if (tools.mcpServers().isEmpty()) return true;
        boolean ok = true;
        try (BotTools started = BotTools.start(tools, DomainOps.create(config.lookupSettings(), Clock.systemUTC()),
                Clock.systemUTC())) {
            for (McpServerStatus server : started.settled(tools.callTimeout().plusSeconds(5))) {
                ok &= report(out, server.state() == McpServerStatus.State.RUNNING, BotTools.describe(server),
                        "check mcp_servers." + server.name() + (isStdio(server.name())
                                ? ": its command and args (run them by hand to see the error), and its env"
                                : ": its url and headers, and that the server is up"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return report(out, false, "MCP servers: the check was interrupted", "run dingbot check again");
        }
        return ok;
    }

    private boolean isStdio(String server) {
        return config.tools().mcpServers().stream().anyMatch(s -> s.name().equals(server) && s.stdio());
    }

    private boolean serviceUrl(PrintStream out) {
        if (!Placeholders.is(config.server().serviceUrl())) return true;
        return report(out, false, "service_url " + config.server().serviceUrl() + " is " + PLACEHOLDER,
                "set service_url to this server's public address, or leave it empty");
    }

    /** The shared database: its schema version and the instances that use it now, or why it cannot be read. */
    private boolean database(PrintStream out) {
        DatabaseFacts db;
        try {
            db = BotStorage.inspectDatabase(config.postgresSettings());
        } catch (IOException | BotStorage.StorageRefused e) {
            return report(out, false, "PostgreSQL: " + e.getMessage(), e instanceof BotStorage.StorageRefused
                    ? "check storage.postgres.url, storage.postgres.user and storage.postgres.password"
                    : "start the database, or point storage.postgres.url at one that runs");
        }
        boolean ok = switch (db.schemaState()) {
            case NONE -> report(out, true, "PostgreSQL: no dingbot tables yet; the first start creates them", "");
            case OLDER -> report(out, true, "PostgreSQL: schema version " + db.schemaVersion()
                    + "; the next start upgrades it to " + db.knownVersion(), "");
            case CURRENT -> report(out, true, "PostgreSQL: schema version " + db.schemaVersion(), "");
            case NEWER -> report(out, false, "PostgreSQL: schema version " + db.schemaVersion()
                    + " is newer than this dingbot knows (" + db.knownVersion() + ")",
                    "upgrade this instance to the dingbot version the others run");
        };
        out.println("    live instances: " + (db.liveInstances().isEmpty() ? "none"
                : String.join(", ", db.liveInstances().keySet())));
        return ok;
    }

    /** Writable, or creatable at the first run: looked at, never created here. */
    private static boolean dataDir(PrintStream out, Path dir) {
        String fix = "create it or give the bot's user write access, or set storage.data_dir / --data-dir";
        if (Files.exists(dir)) {
            boolean writable = Files.isDirectory(dir) && Files.isWritable(dir);
            return report(out, writable, "data dir " + dir + (writable ? " is writable"
                    : Files.isDirectory(dir) ? " is not writable" : " is not a directory"), fix);
        }
        Path parent = dir.getParent();
        while (parent != null && !Files.exists(parent)) parent = parent.getParent();
        boolean creatable = parent != null && Files.isDirectory(parent) && Files.isWritable(parent);
        return report(out, creatable, "data dir " + dir + (creatable ? " does not exist yet; the first run creates it"
                : " does not exist and cannot be created"), fix);
    }

    private static boolean report(PrintStream out, boolean ok, String what, String fix) {
        out.println((ok ? "  ✔ " : "  ✘ ") + what);
        if (!ok) out.println("    fix: " + fix);
        return ok;
    }
}
