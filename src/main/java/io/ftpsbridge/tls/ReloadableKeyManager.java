package io.ftpsbridge.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The server's key manager: one key and chain, swapped in one step when the certificate files change. Handshakes
 * in progress keep the key they chose; established sessions are not touched, so a rotation drops no session.
 * A handshake gets the key when its key type fits (RSA or EC), as with the JDK's manager over a one-entry keystore.
 */
final class ReloadableKeyManager extends X509ExtendedKeyManager {

    /** One loaded key and chain; the alias handed out is the generation, so a swap mid-handshake cannot mix keys. */
    private record Generation(int number, PemCredentials credentials) {

        /** The JDK asks by key algorithm ("EC", "RSA"), before TLS 1.2 with the signature's after it ("EC_RSA"). */
        String aliasFor(String keyType) {
            int underscore = keyType == null ? -1 : keyType.indexOf('_');
            String algorithm = underscore < 0 ? keyType : keyType.substring(0, underscore);
            return credentials.key().getAlgorithm().equals(algorithm) ? String.valueOf(number) : null;
        }
    }

    private volatile Generation current;
    private volatile Generation previous;

    ReloadableKeyManager(PemCredentials initial) {
        this.current = new Generation(0, initial);
        this.previous = current;
    }

    void swap(PemCredentials next) {
        Generation old = current;
        previous = old;
        current = new Generation(old.number() + 1, next);
    }

    private PemCredentials credentialsOf(String alias) {
        for (Generation g : new Generation[]{current, previous}) {
            if (String.valueOf(g.number()).equals(alias)) {
                return g.credentials();
            }
        }
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current.aliasFor(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return current.aliasFor(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = current.aliasFor(keyType);
        return alias == null ? null : new String[]{alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        PemCredentials credentials = credentialsOf(alias);
        return credentials == null ? null : credentials.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        PemCredentials credentials = credentialsOf(alias);
        return credentials == null ? null : credentials.key();
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
