package io.ftpsbridge.it;

import org.apache.commons.net.ftp.FTPSClient;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.Socket;
import java.util.Locale;

/**
 * Commons Net's FTPS client with the session-reuse hook its users add for servers that bind data connections to
 * the control session (vsftpd's require_ssl_reuse, this bridge): before each data connection's handshake, the
 * control connection's TLS session is filed in the JDK's client cache under the data connection's host and port,
 * so the handshake resumes it. The JDK offers no public way to do that (needs --add-opens of java.base/sun.security.ssl and sun.security.util).
 */
public class ResumingFtpsClient extends FTPSClient {

    public ResumingFtpsClient(boolean implicit) {
        super("TLS", implicit);
    }

    @Override
    protected void _prepareDataSocket_(Socket socket) throws IOException {
        if (socket instanceof SSLSocket && _socket_ instanceof SSLSocket control) {
            fileForResumption(control.getSession(), socket);
        }
    }

    /**
     * Files {@code session} in its JDK client cache under the host and port of {@code data}, which is where the
     * JDK looks for a session to resume when the data connection's handshake starts.
     */
    static void fileForResumption(SSLSession session, Socket data) throws IOException {
        if (!session.isValid()) {
            return;
        }
        try {
            SSLSessionContext context = session.getSessionContext();
            Field field = context.getClass().getDeclaredField("sessionHostPortCache");
            field.setAccessible(true);
            Object cache = field.get(context);
            Method put = cache.getClass().getDeclaredMethod("put", Object.class, Object.class);
            put.setAccessible(true);
            for (String host : new String[]{data.getInetAddress().getHostName(), data.getInetAddress().getHostAddress()}) {
                put.invoke(cache, (host + ":" + data.getPort()).toLowerCase(Locale.ROOT), session);
            }
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot file the control session for resumption: " + e, e);
        }
    }
}
