package io.ftpsbridge.it;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal FTPS client that sends exactly the lines a test gives it, for protocol-level tests. */
public final class RawFtpsClient implements AutoCloseable {

    public record Reply(int code, String text) {
        @Override
        public String toString() {
            return code + " " + text;
        }
    }

    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");
    private final String host;
    /** One context per client: its session cache lets data connections resume the control session. */
    private final SSLContext tlsContext;
    private Socket socket;
    /** The TCP socket under the last TLS data connection, to end it without a close_notify. */
    private Socket lastPlainData;
    private BufferedReader in;
    private OutputStream out;

    private RawFtpsClient(String host, Socket socket) throws IOException {
        this(host, socket, trustAll());
    }

    private RawFtpsClient(String host, Socket socket, SSLContext tlsContext) throws IOException {
        this.host = host;
        this.tlsContext = tlsContext;
        use(socket);
    }

    public static SSLContext trustAll() {
        return trustAll(null);
    }

    /** A context that trusts any server certificate and presents {@code keys} (null: no client certificate). */
    public static SSLContext trustAll(javax.net.ssl.KeyManager[] keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[]{new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connects to the explicit port and reads the greeting; the connection is still in clear. */
    public static RawFtpsClient explicit(int port) throws IOException {
        return explicit(port, trustAll());
    }

    /** Connects to the explicit port; TLS will use {@code context} (a client certificate, for one). */
    public static RawFtpsClient explicit(int port, SSLContext context) throws IOException {
        return explicit("127.0.0.1", port, context);
    }

    /** Connects to the explicit port at {@code host}, such as {@code ::1} for IPv6, and reads the greeting. */
    public static RawFtpsClient explicit(String host, int port) throws IOException {
        return explicit(host, port, trustAll());
    }

    private static RawFtpsClient explicit(String host, int port, SSLContext context) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(30_000);
        RawFtpsClient client = new RawFtpsClient(host, socket, context);
        Reply greeting = client.read();
        if (greeting.code() != 220) {
            throw new IOException("greeting: " + greeting);
        }
        return client;
    }

    /**
     * Connects to the explicit port from {@code localAddress} (null: any), such as 127.0.0.2 to act as another
     * host over loopback, without reading the greeting.
     */
    public static RawFtpsClient connect(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30_000);
        return new RawFtpsClient("127.0.0.1", socket);
    }

    /** Connects to the implicit port with TLS from the first byte and reads the greeting. */
    public static RawFtpsClient implicit(int port) throws IOException {
        SSLContext context = trustAll();
        SSLSocketFactory factory = context.getSocketFactory();
        SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        RawFtpsClient client = new RawFtpsClient("127.0.0.1", socket, context);
        Reply greeting = client.read();
        if (greeting.code() != 220) {
            throw new IOException("greeting: " + greeting);
        }
        return client;
    }

    private void use(Socket s) throws IOException {
        this.socket = s;
        this.in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        this.out = s.getOutputStream();
    }

    /** AUTH TLS and the handshake. */
    public Reply authTls() throws IOException {
        Reply reply = send("AUTH TLS");
        if (reply.code() == 234) {
            SSLSocket tls = (SSLSocket) tlsContext.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            use(tls);
        }
        return reply;
    }

    /** AUTH TLS (unless already on TLS), USER, PASS, PBSZ 0, PROT P; fails unless each succeeds. */
    public RawFtpsClient login(String user, String password) throws IOException {
        if (!(socket instanceof SSLSocket)) {
            expect(authTls(), 234);
        }
        expect(send("USER " + user), 331);
        expect(send("PASS " + password), 230);
        expect(send("PBSZ 0"), 200);
        expect(send("PROT P"), 200);
        return this;
    }

    public static Reply expect(Reply reply, int code) throws IOException {
        if (reply.code() != code) {
            throw new IOException("expected " + code + " but got " + reply);
        }
        return reply;
    }

    public Reply send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        return read();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one reply, whole: a multi-line reply ends with the line that repeats its code and a space. */
    public Reply read() throws IOException {
        String first = in.readLine();
        if (first == null) {
            throw new IOException("connection closed by server");
        }
        if (first.length() < 4) {
            throw new IOException("malformed reply: " + first);
        }
        int code = Integer.parseInt(first.substring(0, 3));
        StringBuilder text = new StringBuilder(first.substring(4));
        if (first.charAt(3) == '-') {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("connection closed in a multi-line reply");
                }
                text.append('\n').append(line);
            } while (!(line.startsWith(code + " ")));
        }
        return new Reply(code, text.toString());
    }

    /**
     * EPSV, then the data connection, with TLS when {@code tls}. The TLS handshake resumes the control
     * connection's session, filed for the data port as Commons Net users do (see {@link ResumingFtpsClient}).
     */
    public Socket openPassive(boolean tls) throws IOException {
        return openPassive(tls ? tlsContext : null);
    }

    /** EPSV, then the data connection, with a TLS handshake from {@code context} (null: plain TCP). */
    public Socket openPassive(SSLContext context) throws IOException {
        return openData(epsv(), context);
    }

    /**
     * STOR over a passive TLS data connection that sends {@code chunk} {@code times} times and then dies: a TCP reset,
     * not a close. Returns the reply that ends the transfer.
     */
    public Reply cutUpload(String path, byte[] chunk, int times) throws IOException {
        Socket data = openPassive(true);
        expect(send("STOR " + path), 150);
        OutputStream stream = data.getOutputStream();
        for (int i = 0; i < times; i++) {
            stream.write(chunk);
        }
        stream.flush();
        // The TCP socket under the TLS one: closing the TLS socket would send close_notify first, and a server that
        // has read everything by then rightly takes the upload as whole. A dead process sends no close_notify.
        lastPlainData.setSoLinger(true, 0);
        lastPlainData.close();
        return read();
    }

    /** EPSV; the port to connect to. */
    public int epsv() throws IOException {
        Reply reply = expect(send("EPSV"), 229);
        Matcher m = EPSV.matcher(reply.text());
        if (!m.find()) {
            throw new IOException("no port in " + reply);
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * A data connection to {@code port}, with a TLS handshake from {@code context} (null: plain TCP); with this
     * client's own context, the handshake resumes its control session.
     */
    public Socket openData(int port, SSLContext context) throws IOException {
        Socket data = new Socket();
        data.connect(new InetSocketAddress(host, port), 5000);
        data.setSoTimeout(30_000);
        lastPlainData = data;
        if (context == null) {
            return data;
        }
        return secure(data, context);
    }

    /**
     * TLS on a data connection the server dialled (PORT, EPRT): the client stays the TLS client (RFC 4217 §7) and
     * resumes its control session.
     */
    public Socket secureActive(Socket dialled) throws IOException {
        dialled.setSoTimeout(30_000);
        lastPlainData = dialled;
        return secure(dialled, tlsContext);
    }

    private Socket secure(Socket data, SSLContext context) throws IOException {
        if (context == tlsContext && socket instanceof SSLSocket control) {
            ResumingFtpsClient.fileForResumption(control.getSession(), data);
        }
        // The address as the session was filed under (an IPv6 literal has several spellings).
        SSLSocket secured = (SSLSocket) context.getSocketFactory().createSocket(data,
                data.getInetAddress().getHostAddress(), data.getPort(), true);
        secured.setUseClientMode(true);
        secured.startHandshake();
        return secured;
    }

    /** The TLS context of this client's connections. */
    public SSLContext tlsContext() {
        return tlsContext;
    }

    /** The control connection's TLS session; null before AUTH TLS. */
    public javax.net.ssl.SSLSession tlsSession() {
        return socket instanceof SSLSocket tls ? tls.getSession() : null;
    }

    public Socket lastPlainData() {
        return lastPlainData;
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test connection
        }
    }
}
