package dev.dingbot.ops;

import dev.dingbot.core.port.DomainLookup;
import dev.dingbot.core.port.ToolBox;

import javax.net.ssl.SSLSocketFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * WHOIS and TLS-certificate lookups on a user's behalf, for {@code #域名} / {@code #证书} ({@link #lookup()}) and
 * as the model's built-in tools ({@link #tools(List)}), one code path for both. Only public addresses are
 * contacted unless {@link LookupSettings#allowPrivateTargets()} says otherwise.
 */
public final class DomainOps {

    /** The names of the built-in tools, in the order they are offered: what a configuration may choose from. */
    public static final List<String> TOOL_NAMES = Arrays.stream(BuiltInTool.values())
            .map(t -> t.definition().name()).toList();

    private final NetworkDomainLookup lookup;
    private final Clock clock;

    DomainOps(LookupSettings settings, HostResolver resolver, SSLSocketFactory tls, Clock clock) {
        this.lookup = new NetworkDomainLookup(settings, resolver, tls);
        this.clock = clock;
    }

    /** Over system DNS and the default trust store; {@code clock} says how many days a certificate has left. */
    public static DomainOps create(LookupSettings settings, Clock clock) {
        return new DomainOps(settings, HostResolver.SYSTEM, (SSLSocketFactory) SSLSocketFactory.getDefault(), clock);
    }

    /** The lookups behind {@code #域名} and {@code #证书}. */
    public DomainLookup lookup() {
        return lookup;
    }

    /**
     * The built-in tools of these names (each once, in the order of {@link #TOOL_NAMES}); none for an empty list.
     *
     * @throws IllegalArgumentException for a name not in {@link #TOOL_NAMES}, naming it and the valid ones
     */
    public ToolBox tools(List<String> names) {
        List<String> unknown = new ArrayList<>(names);
        unknown.removeAll(TOOL_NAMES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no built-in tool is named " + String.join(", ", unknown)
                    + "; the built-in tools are " + String.join(", ", TOOL_NAMES));
        }
        List<BuiltInTool> chosen = Arrays.stream(BuiltInTool.values())
                .filter(t -> names.contains(t.definition().name())).toList();
        return new LookupTools(lookup, chosen, clock);
    }
}
