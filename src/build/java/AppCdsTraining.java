import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes {@code app-cds.jsa} beside {@code quarkus-run.jar} from a training run of the packaged bridge, as the
 * README's production command starts it: run from that directory, PEM certificate and key, one user.
 *
 * <p>Quarkus' own archive ({@code quarkus.package.jar.appcds}) stops the application after static
 * initialisation, so it lacks the classes of everything that starts afterwards (Vert.x, Netty, the listeners,
 * TLS, Micrometer): some 2,500 of the 6,000 a launch loads, each then read, verified and defined again at every
 * launch. This run goes on until the bridge greets and serves one explicit-TLS login, then stops it with SIGTERM;
 * the JVM writes every class it loaded ({@code -XX:ArchiveClassesAtExit}) as it exits.
 *
 * <p>Run by the package phase: {@code java src/build/java/AppCdsTraining.java target/quarkus-app}. Needs nothing
 * but the JDK that will run the archive (a JVM of another build ignores it) and loopback ports.
 */
public final class AppCdsTraining {

    private static final String USER = "training";
    private static final String PASSWORD = "alice-secret";
    private static final String PASSWORD_HASH = "$2y$10$UiygIZjW1JOP/jKH8h0chO5XGAPl11i5hzqWjQXgeYQFlYugHTqsK";
    private static final String STORE_PASSWORD = "training";
    private static final long START_SECONDS = 120;

    public static void main(String[] args) throws Exception {
        Path app = Path.of(args[0]).toAbsolutePath();
        Path archive = app.resolve("app-cds.jsa");
        Path log = app.getParent().resolve("app-cds-training.log");
        Files.deleteIfExists(archive);
        Path work = Files.createTempDirectory("app-cds-training");
        try {
            KeyStore keys = makeKeys(work);
            int ftpPort = freePort();
            Process bridge = start(app, work, log, ftpPort);
            try {
                greetingAndLogin(bridge, ftpPort, keys, log);
            } finally {
                bridge.destroy();
                if (!bridge.waitFor(60, TimeUnit.SECONDS)) {
                    bridge.destroyForcibly();
                    fail("the training bridge did not stop within 60 s of SIGTERM", log);
                }
            }
            if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
                fail("the training bridge exited without writing " + archive, log);
            }
            System.out.printf("[app-cds] %s: %d MiB, from a training run (log: %s)%n", archive,
                    Files.size(archive) >> 20, log);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** An EC P-256 key and self-signed certificate from keytool, written as the PEM files operators mount. */
    private static KeyStore makeKeys(Path work) throws Exception {
        Path store = work.resolve("keys.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "bridge", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        Files.writeString(work.resolve("cert.pem"), pem("CERTIFICATE", keys.getCertificate("bridge").getEncoded()));
        Files.writeString(work.resolve("key.pem"),
                pem("PRIVATE KEY", keys.getKey("bridge", STORE_PASSWORD.toCharArray()).getEncoded()));
        return keys;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Process start(Path app, Path work, Path log, int ftpPort) throws IOException {
        int passive = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:ArchiveClassesAtExit=app-cds.jsa",
                "-Dbridge.ftp.host=127.0.0.1", "-Dbridge.ftp.port=" + ftpPort,
                "-Dbridge.ftp.implicit-port=" + freePort(), "-Dbridge.ftp.passive-ports=" + passive + "-" + passive,
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + freePort(),
                "-Dbridge.tls.cert-file=" + work.resolve("cert.pem"), "-Dbridge.tls.key-file=" + work.resolve("key.pem"),
                "-Dbridge.users." + USER + ".password-hash=" + PASSWORD_HASH,
                "-Dbridge.users." + USER + ".home=s3://training/" + USER + "/",
                "-jar", "quarkus-run.jar"));
        // The archive records the class path as given: quarkus-run.jar, relative, as the production command has it.
        return new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** Waits for the 220, then AUTH TLS (RFC 4217 §4), login and PROT P, as an FTPS client's first minute does. */
    private static void greetingAndLogin(Process bridge, int port, KeyStore keys, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        Socket socket = null;
        while (socket == null) {
            if (!bridge.isAlive()) {
                fail("the training bridge exited with status " + bridge.exitValue() + " before it greeted", log);
            }
            if (System.nanoTime() > deadline) {
                fail("the training bridge did not greet within " + START_SECONDS + " s", log);
            }
            try {
                socket = new Socket("127.0.0.1", port);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        socket.setSoTimeout(30_000);
        try (Socket plain = socket) {
            Control control = new Control(plain);
            control.expect(null, "220");
            control.expect("AUTH TLS", "234");
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            Certificate certificate = keys.getCertificate("bridge");
            trusted.setCertificateEntry("bridge", certificate);
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", port, true)) {
                secure.startHandshake();
                Control session = new Control(secure);
                session.expect("USER " + USER, "331");
                session.expect("PASS " + PASSWORD, "230");
                session.expect("PBSZ 0", "200");
                session.expect("PROT P", "200");
                session.expect("PWD", "257");
                session.expect("FEAT", "211");
                session.expect("QUIT", "221");
            }
        }
    }

    /** A control connection: one command, then its reply, multi-line ones (RFC 959 §4.2) read to their end. */
    private record Control(BufferedReader in, OutputStream out) {

        Control(Socket socket) throws IOException {
            this(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)),
                    socket.getOutputStream());
        }

        void expect(String command, String code) throws IOException {
            if (command != null) {
                out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            String first = in.readLine();
            if (first != null && first.length() > 3 && first.charAt(3) == '-') {
                String last = first.substring(0, 3) + " ";
                for (String line = in.readLine(); line != null && !line.startsWith(last); line = in.readLine()) {
                    // the lines between say nothing the training needs
                }
            }
            if (first == null || !first.startsWith(code)) {
                String sent = command == null ? "the greeting" : command.split(" ")[0];
                throw new IOException("training session: " + sent + " got " + first + ", expected " + code);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void fail(String why, Path log) throws IOException {
        String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        throw new IllegalStateException(why + "\n--- " + log + " ---\n" + output);
    }
}
