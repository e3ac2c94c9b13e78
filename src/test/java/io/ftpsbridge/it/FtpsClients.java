package io.ftpsbridge.it;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;

/** Apache Commons Net FTPS clients logged in to the bridge under test. */
public final class FtpsClients {

    /** The ports of the bridge under test, as configured (the test profile sets them; -D overrides them). */
    public static final int EXPLICIT_PORT = ConfigProvider.getConfig().getValue("bridge.ftp.port", Integer.class);
    public static final int IMPLICIT_PORT = ConfigProvider.getConfig().getValue("bridge.ftp.implicit-port", Integer.class);

    private FtpsClients() {
    }

    /** Explicit FTPS: AUTH TLS, login, PBSZ 0, PROT P, passive, binary. */
    public static FTPSClient explicit(String user, String password) throws IOException {
        return login(new ResumingFtpsClient(false), EXPLICIT_PORT, user, password);
    }

    /** Implicit FTPS on the implicit port. */
    public static FTPSClient implicit(String user, String password) throws IOException {
        return login(new ResumingFtpsClient(true), IMPLICIT_PORT, user, password);
    }

    private static FTPSClient login(FTPSClient client, int port, String user, String password) throws IOException {
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.setControlEncoding("UTF-8");
        client.setConnectTimeout(5000);
        client.setDefaultTimeout(30_000);
        client.connect("127.0.0.1", port);
        client.setSoTimeout(30_000);
        if (!client.login(user, password)) {
            throw new IOException("login failed: " + client.getReplyString());
        }
        client.execPBSZ(0);
        client.execPROT("P");
        client.enterLocalPassiveMode();
        client.setFileType(FTP.BINARY_FILE_TYPE);
        return client;
    }

    public static void close(FTPSClient client) {
        try {
            if (client.isConnected()) {
                client.logout();
                client.disconnect();
            }
        } catch (IOException ignored) {
            // the test is over
        }
    }
}
