package io.ftpsbridge.auth;

import io.ftpsbridge.vfs.HomeLocation;

import java.util.List;
import java.util.Set;

/** A configured user: its login name, home and permissions. The password hash stays in {@link UserDirectory}. */
public record User(String name, HomeLocation home, Set<Permission> permissions, List<Cidr> allowedNetworks,
                   CertificateBinding certificate) {

    public User(String name, HomeLocation home, Set<Permission> permissions) {
        this(name, home, permissions, List.of(), CertificateBinding.NONE);
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    /** True when the user may log in from {@code address}: no networks configured, or one contains it. */
    public boolean mayConnectFrom(String address) {
        return allowedNetworks.isEmpty() || allowedNetworks.stream().anyMatch(n -> n.contains(address));
    }
}
