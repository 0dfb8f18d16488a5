package dev.dingbot.storage.postgres;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared database as {@link PostgresStorage#inspect} found it.
 *
 * @param schemaVersion the version of its dingbot tables, {@code "none"} before the first start
 * @param knownVersion  the newest version this dingbot has migrations for
 * @param schemaState   how the two compare
 * @param liveInstances the instances seen within three leases, with when each was last seen
 */
public record DatabaseFacts(String schemaVersion, String knownVersion, SchemaState schemaState,
                            Map<String, Instant> liveInstances) {

    /** The tables against this dingbot's migrations. */
    public enum SchemaState {
        /** No dingbot tables yet: the first start creates them. */
        NONE,
        /** Made by an older dingbot: the next start upgrades them. */
        OLDER,
        CURRENT,
        /** Upgraded by a newer dingbot: this one refuses to start on them. */
        NEWER
    }

    public DatabaseFacts {
        liveInstances = Collections.unmodifiableMap(new LinkedHashMap<>(liveInstances)); // by id
    }
}
