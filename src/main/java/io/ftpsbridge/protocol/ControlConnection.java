package io.ftpsbridge.protocol;

import io.ftpsbridge.auth.Permission;
import io.ftpsbridge.protocol.command.CommandTable;
import io.ftpsbridge.tls.SessionReuse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One control connection: reads command lines, runs them one at a time in order, and writes the replies.
 * While a transfer runs, ABOR, STAT and NOOP are answered at once; other commands wait their turn, as
 * RFC 959 §5.4 expects of a server that is busy with a transfer.
 */
public final class ControlConnection {

    private static final Logger LOG = Logger.getLogger(ControlConnection.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** Commands held while one runs; past this the socket is paused so a flood cannot grow memory. */
    private static final int MAX_QUEUED = 32;

    private final String id = "ftp-" + IDS.incrementAndGet();
    private final NetSocket socket;
    private final Context context;
    private final FtpServices services;
    private final Session session;
    private final LineReader reader;
    private final Deque<LineReader.Event> queue = new ArrayDeque<>();
    private final Consumer<ControlConnection> onClose;
    /** Kept from the start: a closed socket may no longer know its peer. */
    private final String remoteAddress;
    private boolean busy;
    private boolean upgrading;
    private boolean closed;
    private long idleTimer = -1;

    public ControlConnection(NetSocket socket, Context context, FtpServices services, boolean implicitTls,
                             Consumer<ControlConnection> onClose) {
        this.socket = socket;
        this.context = context;
        this.services = services;
        this.session = new Session(implicitTls);
        this.onClose = onClose;
        this.remoteAddress = socket.remoteAddress().hostAddress();
        this.reader = new LineReader(services.config().ftp().maxLineLength(), this::onEvent);
    }

    public void start() {
        socket.handler(reader::feed);
        socket.closeHandler(v -> close());
        socket.exceptionHandler(e -> LOG.debugf("%s: control connection error: %s", id, e.getMessage()));
        LOG.debugf("%s: connected from %s", id, remoteAddress());
        armIdleTimer();
        reply(ReplyCode.READY, services.config().ftp().greeting());
    }

    public String id() {
        return id;
    }

    public Session session() {
        return session;
    }

    public FtpServices services() {
        return services;
    }

    public Context context() {
        return context;
    }

    public NetSocket socket() {
        return socket;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String localAddress() {
        return socket.localAddress().hostAddress();
    }

    private void onEvent(LineReader.Event event) {
        if (closed || upgrading) {
            return;
        }
        armIdleTimer();
        if (busy) {
            if (event instanceof LineReader.Line line && session.transfer() != null) {
                CommandLine command = CommandLine.parse(line.text());
                CommandTable.Spec spec = services.commands().find(command.verb());
                if (spec != null && spec.duringTransfer()) {
                    LOG.debugf("%s: %s (during transfer)", id, command.forLog());
                    runSafely(spec, command);
                    return;
                }
            }
            queue.add(event);
            if (queue.size() >= MAX_QUEUED) {
                socket.pause();
            }
            return;
        }
        run(event);
    }

    private void run(LineReader.Event event) {
        busy = true;
        Future<Void> done;
        if (event instanceof LineReader.Line line) {
            done = dispatch(CommandLine.parse(line.text()));
        } else if (event instanceof LineReader.TooLong) {
            done = reply(ReplyCode.SYNTAX_ERROR,
                    "Command line too long (the limit is " + services.config().ftp().maxLineLength() + " bytes)");
        } else {
            done = reply(ReplyCode.SYNTAX_ERROR, "Command line is not valid UTF-8 (RFC 2640)");
        }
        done.onComplete(ar -> {
            if (ar.failed()) {
                LOG.debugf("%s: command ended with %s", id, ar.cause().toString());
            }
            busy = false;
            drain();
        });
    }

    private void drain() {
        while (!busy && !closed && !queue.isEmpty()) {
            run(queue.poll());
        }
        if (!closed && queue.size() < MAX_QUEUED / 2) {
            socket.resume();
        }
    }

    private Future<Void> dispatch(CommandLine command) {
        if (command.verb().isEmpty()) {
            return reply(ReplyCode.SYNTAX_ERROR, "Empty command line");
        }
        LOG.debugf("%s: %s", id, command.forLog());
        CommandTable.Spec spec = services.commands().find(command.verb());
        if (spec == null) {
            return reply(ReplyCode.NOT_IMPLEMENTED, "Command not implemented: " + printable(command.verb()));
        }
        if (spec.needsLogin() && !session.loggedIn()) {
            return reply(ReplyCode.NOT_LOGGED_IN, "Please log in with USER and PASS first");
        }
        if (spec.permission() != null && !session.user().may(spec.permission())) {
            return replyDenied(spec.permission());
        }
        return runSafely(spec, command);
    }

    private Future<Void> runSafely(CommandTable.Spec spec, CommandLine command) {
        try {
            return spec.command().execute(this, command.argument())
                    .recover(failure -> ErrorReplies.reply(this, failure));
        } catch (RuntimeException e) {
            return ErrorReplies.reply(this, e);
        }
    }

    /** A verb as it may be echoed: short, and only printable characters. */
    private static String printable(String verb) {
        String cut = verb.length() > 16 ? verb.substring(0, 16) + "..." : verb;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }

    /**
     * Writes a reply. Text with several lines becomes a multi-line reply (RFC 959 §4.2): {@code 211-first},
     * the middle lines indented by a space, and {@code 211 last}.
     */
    public Future<Void> reply(int code, String text) {
        if (closed) {
            return Future.succeededFuture();
        }
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        if (lines.length == 1) {
            out.append(code).append(' ').append(lines[0]).append("\r\n");
        } else {
            out.append(code).append('-').append(lines[0]).append("\r\n");
            for (int i = 1; i < lines.length - 1; i++) {
                out.append(' ').append(lines[i]).append("\r\n");
            }
            out.append(code).append(' ').append(lines[lines.length - 1]).append("\r\n");
        }
        return socket.write(Buffer.buffer(out.toString())).recover(e -> Future.succeededFuture());
    }

    /** The answer to a command the user's permissions do not allow: 550, naming what is missing. */
    public Future<Void> replyDenied(Permission permission) {
        return reply(ReplyCode.FILE_UNAVAILABLE, "Permission denied: user " + session.user().name() + " may not "
                + permission.configName());
    }

    /** Writes lines that already carry their own reply format, such as the body of FEAT or MLST. */
    public Future<Void> replyRaw(String lines) {
        if (closed) {
            return Future.succeededFuture();
        }
        return socket.write(Buffer.buffer(lines)).recover(e -> Future.succeededFuture());
    }

    /**
     * Upgrades the control connection to TLS once {@code reply} is on the wire (RFC 4217 §4). Whatever the client
     * sent behind the AUTH command in plaintext is discarded, never executed.
     */
    public Future<Void> startTls(int code, String text) {
        upgrading = true;
        queue.clear();
        reader.reset();
        return reply(code, text)
                .compose(v -> socket.upgradeToSsl())
                .onSuccess(v -> {
                    reader.reset();
                    session.tlsStarted();
                    upgrading = false;
                })
                .recover(e -> {
                    // A failed handshake is the client's business; there is nobody left to reply to.
                    LOG.debugf("%s: TLS negotiation failed: %s", id, e.getMessage());
                    close();
                    return Future.succeededFuture();
                });
    }

    /** The TLS session of the control connection; null before AUTH TLS. */
    private SSLSession tlsSession() {
        return session.tlsActive() ? socket.sslSession() : null;
    }

    /** The client certificate the control connection's TLS session was made with, if the client sent one. */
    public Optional<X509Certificate> peerCertificate() {
        SSLSession tls = tlsSession();
        if (tls == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = tls.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? Optional.of(x509) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** Why a data connection's TLS session may not carry this session's transfers ({@code bridge.tls.session-reuse}). */
    public Optional<String> dataSessionRefusal(SSLSession data) {
        SessionReuse policy = services.sessionReuse();
        boolean resumed = SessionReuse.resumes(tlsSession(), data);
        if (!resumed && policy != SessionReuse.OFF) {
            LOG.infof("%s: data connection from %s did not resume the control connection's TLS session: %s", id,
                    remoteAddress, policy == SessionReuse.REQUIRED ? "refused" : "allowed (session-reuse is preferred)");
        }
        return policy.refusal(resumed);
    }

    /** Replies, then closes the connection. */
    public Future<Void> replyAndClose(int code, String text) {
        return reply(code, text).onComplete(v -> close());
    }

    private void armIdleTimer() {
        if (idleTimer >= 0) {
            context.owner().cancelTimer(idleTimer);
        }
        long millis = services.config().ftp().idleTimeout().toMillis();
        idleTimer = context.owner().setTimer(Math.max(1, millis), id -> {
            idleTimer = -1;
            if (session.transfer() != null) {
                armIdleTimer();
                return;
            }
            replyAndClose(ReplyCode.SERVICE_NOT_AVAILABLE,
                    "Idle timeout (" + services.config().ftp().idleTimeout().toSeconds() + " seconds): closing control connection");
        });
    }

    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (idleTimer >= 0) {
            context.owner().cancelTimer(idleTimer);
        }
        queue.clear();
        session.close();
        SSLSession tls = tlsSession();
        if (tls != null) {
            // Nothing may resume a session whose control connection is gone.
            tls.invalidate();
        }
        socket.close();
        LOG.debugf("%s: closed", id);
        onClose.accept(this);
    }
}
