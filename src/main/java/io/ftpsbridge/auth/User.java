package io.ftpsbridge.auth;

import io.ftpsbridge.vfs.HomeLocation;

import java.util.Set;

/** A configured user: its login name, home and permissions. The password hash stays in {@link UserDirectory}. */
public record User(String name, HomeLocation home, Set<Permission> permissions) {

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}
