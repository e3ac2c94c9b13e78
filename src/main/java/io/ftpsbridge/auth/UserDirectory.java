package io.ftpsbridge.auth;

import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.config.ConfigurationException;
import io.ftpsbridge.vfs.HomeLocation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The configured users, checked once at startup, and password verification. */
@ApplicationScoped
public class UserDirectory {

    private record Account(User user, PasswordHash hash) {
    }

    private final Map<String, Account> accounts;
    private final Vertx vertx;
    /** The highest bcrypt cost in use: the decoy's, so that an unknown user's reply takes as long as a known one's. */
    private final int decoyCost;
    /** Checked for unknown users; made on first use, as making it loads the bcrypt library (45 ms of startup CPU). */
    private PasswordHash decoy;
    private final VerifiedPasswords verified;

    public UserDirectory(BridgeConfig config, Vertx vertx) {
        this.vertx = vertx;
        this.accounts = load(config.users());
        boolean certificatesAsked = !config.tls().clientAuth().strip().equalsIgnoreCase("none");
        accounts.forEach((name, account) -> {
            if (account.user().certificate().required() && !certificatesAsked) {
                throw new ConfigurationException("bridge.users." + name + ".certificate-subject",
                        "(or certificate-fingerprint) needs client certificates: set bridge.tls.client-auth to want or need");
            }
        });
        this.decoyCost = accounts.values().stream().mapToInt(a -> a.hash().cost()).max().orElse(10);
        Duration ttl = config.security().passwordCacheTtl();
        if (ttl.isNegative()) {
            throw new ConfigurationException("bridge.security.password-cache-ttl", "must not be negative, got " + ttl);
        }
        this.verified = new VerifiedPasswords(ttl);
    }

    static Map<String, Account> load(Map<String, BridgeConfig.User> configured) {
        Map<String, Account> result = new TreeMap<>();
        configured.forEach((name, settings) -> {
            String key = "bridge.users." + name;
            if (!PasswordHash.isBcrypt(settings.passwordHash())) {
                throw new ConfigurationException(key + ".password-hash",
                        "is not a bcrypt hash ($2a$, $2b$ or $2y$ with a cost of 4 to 31, as htpasswd -nbB makes it)");
            }
            HomeLocation home = HomeLocation.parse(settings.home()).orElseThrow(() -> new ConfigurationException(
                    key + ".home", "must be s3://bucket/prefix/ with a valid bucket name, got '" + settings.home() + "'"));
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (String p : settings.permissions()) {
                if (p.isBlank()) {
                    continue;
                }
                permissions.add(Permission.fromConfigName(p).orElseThrow(() -> new ConfigurationException(
                        key + ".permissions", "has unknown permission '" + p
                                + "' (allowed: list, read, write, delete, mkdir, rename)")));
            }
            List<Cidr> networks = new ArrayList<>();
            for (String cidr : settings.allowedCidrs().orElse(List.of())) {
                if (!cidr.isBlank()) {
                    networks.add(Cidr.parse(cidr).orElseThrow(() -> new ConfigurationException(key + ".allowed-cidrs",
                            "has '" + cidr + "', which is not an IP address or network such as 10.0.0.0/8")));
                }
            }
            CertificateBinding certificate = CertificateBinding.parse(key, settings.certificateSubject(),
                    settings.certificateFingerprint());
            result.put(name, new Account(new User(name, home, permissions, List.copyOf(networks), certificate),
                    PasswordHash.of(settings.passwordHash())));
        });
        return result;
    }

    private synchronized PasswordHash decoy() {
        if (decoy == null) {
            decoy = PasswordHash.random(decoyCost);
        }
        return decoy;
    }

    public Map<String, User> users() {
        Map<String, User> users = new TreeMap<>();
        accounts.forEach((name, account) -> users.put(name, account.user()));
        return users;
    }

    /**
     * Checks a login, bcrypt on a worker thread (it is slow on purpose). Unknown users are checked against a
     * decoy hash, so the answer time does not tell whether a name exists. A password bcrypt accepted within
     * {@code bridge.security.password-cache-ttl} is accepted again without bcrypt, and logins with the password
     * being checked share that check ({@link VerifiedPasswords}).
     */
    public Future<Optional<User>> authenticate(String name, String password) {
        Account account = accounts.get(name);
        if (account == null) {
            return vertx.executeBlocking(() -> {
                decoy().matches(password);
                return Optional.<User>empty();
            }, false);
        }
        Context caller = Vertx.currentContext();
        return Future.fromCompletionStage(verified.verify(name, account.hash(), password,
                        () -> vertx.executeBlocking(() -> account.hash().matches(password), false).toCompletionStage()),
                caller).map(accepted -> accepted ? Optional.of(account.user()) : Optional.empty());
    }
}
