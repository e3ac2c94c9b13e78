package io.ftpsbridge.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The server's key manager, swapped in one step when the certificate files change. Handshakes in progress keep
 * the key they chose; established sessions are not touched, so a rotation drops no session.
 */
final class ReloadableKeyManager extends X509ExtendedKeyManager {

    /** One loaded key and chain; aliases handed out carry the generation so a swap mid-handshake cannot mix keys. */
    private record Generation(int number, X509ExtendedKeyManager keys) {
    }

    private volatile Generation current;
    private volatile Generation previous;

    ReloadableKeyManager(X509ExtendedKeyManager initial) {
        this.current = new Generation(0, initial);
        this.previous = current;
    }

    void swap(X509ExtendedKeyManager next) {
        Generation old = current;
        previous = old;
        current = new Generation(old.number() + 1, next);
    }

    private static String tagged(Generation generation, String alias) {
        return alias == null ? null : generation.number() + "/" + alias;
    }

    private X509ExtendedKeyManager keysOf(String alias) {
        int slash = alias == null ? -1 : alias.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String number = alias.substring(0, slash);
        for (Generation g : new Generation[]{current, previous}) {
            if (String.valueOf(g.number()).equals(number)) {
                return g.keys();
            }
        }
        return null;
    }

    private static String untagged(String alias) {
        return alias.substring(alias.indexOf('/') + 1);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        Generation g = current;
        return tagged(g, g.keys().chooseEngineServerAlias(keyType, issuers, engine));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Generation g = current;
        return tagged(g, g.keys().chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        Generation g = current;
        String[] aliases = g.keys().getServerAliases(keyType, issuers);
        if (aliases == null) {
            return null;
        }
        String[] result = new String[aliases.length];
        for (int i = 0; i < aliases.length; i++) {
            result[i] = tagged(g, aliases[i]);
        }
        return result;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        X509ExtendedKeyManager keys = keysOf(alias);
        return keys == null ? null : keys.getCertificateChain(untagged(alias));
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        X509ExtendedKeyManager keys = keysOf(alias);
        return keys == null ? null : keys.getPrivateKey(untagged(alias));
    }

    // The bridge is never a TLS client.

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
