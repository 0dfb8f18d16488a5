package dev.dingbot.app.wiring;

import dev.dingbot.app.config.AppConfig;
import dev.dingbot.app.http.ReadinessChecks;
import dev.dingbot.dingtalk.DingTalkChannel;

import java.io.PrintStream;

/** {@code dingbot check}: probes the model, every DingTalk app and the data dir, with a fix for each problem. */
final class Checkup {

    private final AppConfig config;

    Checkup(AppConfig config) {
        this.config = config;
    }

    int run(PrintStream out) {
        boolean ok = true;
        out.println();
        out.println("Checks:");
        try (ModelProvider model = ModelProvider.create(config.modelConfig())) {
            ModelProvider.Probe probe = model.probe();
            ok &= report(out, probe.ok(), "model " + config.modelConfig().model() + ": " + probe.message(),
                    "check api_key / base_url (or the azure_* keys), http_proxy, and that the model name exists");
        } catch (Exception e) {
            ok = report(out, false, "model: " + e.getMessage(), "fix the model settings above");
        }
        if (config.dingTalkSettings().credentials().isEmpty()) {
            out.println("  - no DingTalk credentials configured");
        }
        for (DingTalkChannel.CredentialCheck c : DingTalkChannel.checkCredentials(config.dingTalkSettings())) {
            ok &= report(out, c.ok(), "DingTalk app " + c.clientId() + ": " + c.message(),
                    "copy AppKey and AppSecret of this app from the DingTalk developer console into credentials");
        }
        boolean writable = ReadinessChecks.writableDirectory(config.storage().dataDir()).getAsBoolean();
        ok &= report(out, writable, "data dir " + config.storage().dataDir().toAbsolutePath() + (writable ? " is writable" : " is not writable"),
                "create it or give the bot's user write access, or set storage.data_dir / --data-dir");
        out.println(ok ? "All checks passed." : "Some checks failed: see the fixes above.");
        return ok ? 0 : 1;
    }

    private static boolean report(PrintStream out, boolean ok, String what, String fix) {
        out.println((ok ? "  ✔ " : "  ✘ ") + what);
        if (!ok) out.println("    fix: " + fix);
        return ok;
    }
}
