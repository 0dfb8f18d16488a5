package dev.dingbot.core.settings;

/** Who may choose the model of their conversation ({@code #模型 <name>}). */
public enum ModelSwitch {
    /** Admins only, as with the original's other admin commands. */
    ADMINS,
    EVERYONE,
    /** Nobody: every conversation uses the default model. */
    OFF;

    public boolean allows(boolean admin) {
        return this == EVERYONE || this == ADMINS && admin;
    }
}
