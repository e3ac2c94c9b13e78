package io.ftpsbridge.auth;

import java.util.Locale;
import java.util.Optional;

/** One thing a user may do in its home; named in {@code bridge.users.<name>.permissions}. */
public enum Permission {
    LIST, READ, WRITE, DELETE, MKDIR, RENAME;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Permission> fromConfigName(String name) {
        for (Permission p : values()) {
            if (p.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
