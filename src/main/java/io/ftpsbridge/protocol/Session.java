package io.ftpsbridge.protocol;

import io.ftpsbridge.auth.User;
import io.ftpsbridge.datachannel.DataChannel;
import io.ftpsbridge.datachannel.RunningTransfer;
import io.ftpsbridge.vfs.FileSystemView;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The typed state of one control connection; touched only on that connection's context. */
public final class Session {

    /** MLST facts this server offers (RFC 3659 §7.8), in FEAT order. */
    public static final List<String> MLST_FACTS = List.of("type", "size", "modify", "perm");

    private final boolean implicitTls;
    private boolean tlsActive;
    private boolean pbszDone;
    private boolean protectData;

    private String pendingUser;
    private User user;
    private FileSystemView fileSystem;
    private VirtualPath cwd;

    private boolean binary;
    private long restartOffset;
    private long announcedSize = -1;
    private VirtualPath renameFrom;
    private boolean epsvAll;
    private Set<String> mlstFacts;
    private HashAlgorithm hashAlgorithm;

    private DataChannel dataChannel;
    private RunningTransfer transfer;
    private Future<Void> transferFinished;

    Session(boolean implicitTls) {
        this.implicitTls = implicitTls;
        this.tlsActive = implicitTls;
        reinitialize();
    }

    /**
     * The state of a connection that has just been greeted (RFC 959 §4.1.1, REIN): no user, the home as working
     * directory, TYPE I, no REST offset or RNFR, default OPTS, PBSZ and PROT not yet sent, and no passive port held.
     * Only the TLS layer of the control connection stays as it is (see ReinCommand).
     */
    public void reinitialize() {
        logout();
        pendingUser = null;
        pbszDone = false;
        protectData = false;
        binary = true;
        epsvAll = false;
        mlstFacts = new LinkedHashSet<>(MLST_FACTS);
        hashAlgorithm = HashAlgorithm.SHA_256;
        dataChannel(null);
    }

    public boolean implicitTls() {
        return implicitTls;
    }

    public boolean tlsActive() {
        return tlsActive;
    }

    void tlsStarted() {
        tlsActive = true;
    }

    public boolean pbszDone() {
        return pbszDone;
    }

    public void pbszDone(boolean done) {
        pbszDone = done;
    }

    public boolean protectData() {
        return protectData;
    }

    public void protectData(boolean protect) {
        protectData = protect;
    }

    public String pendingUser() {
        return pendingUser;
    }

    public void pendingUser(String name) {
        pendingUser = name;
    }

    public boolean loggedIn() {
        return user != null;
    }

    public User user() {
        return user;
    }

    public FileSystemView fileSystem() {
        return fileSystem;
    }

    public void login(User user, FileSystemView fileSystem) {
        this.user = user;
        this.fileSystem = fileSystem;
        this.cwd = VirtualPath.ROOT;
        this.pendingUser = null;
    }

    public void logout() {
        user = null;
        fileSystem = null;
        cwd = VirtualPath.ROOT;
        renameFrom = null;
        restartOffset = 0;
        announcedSize = -1;
    }

    public VirtualPath cwd() {
        return cwd;
    }

    public void cwd(VirtualPath path) {
        cwd = path;
    }

    /**
     * Resolves a client path against the working directory; never leaves the home. A path the store cannot hold
     * (a key over S3's 1024 bytes) is refused here, with INVALID_NAME (553), before any command acts on it.
     */
    public VirtualPath resolve(String argument) {
        return fileSystem.requireStorable(VirtualPath.resolve(cwd, argument));
    }

    public boolean binary() {
        return binary;
    }

    public void binary(boolean binary) {
        this.binary = binary;
    }

    /** The REST offset for the next transfer, consumed by reading it (RFC 959 §4.1.3). */
    public long takeRestartOffset() {
        long offset = restartOffset;
        restartOffset = 0;
        return offset;
    }

    public void restartOffset(long offset) {
        restartOffset = offset;
    }

    /** The size the client announced with ALLO for the next upload, or -1; consumed by reading it. */
    public long takeAnnouncedSize() {
        long size = announcedSize;
        announcedSize = -1;
        return size;
    }

    public void announcedSize(long size) {
        announcedSize = size;
    }

    public VirtualPath takeRenameFrom() {
        VirtualPath from = renameFrom;
        renameFrom = null;
        return from;
    }

    public void renameFrom(VirtualPath from) {
        renameFrom = from;
    }

    public boolean epsvAll() {
        return epsvAll;
    }

    public void epsvAll(boolean all) {
        epsvAll = all;
    }

    public Set<String> mlstFacts() {
        return mlstFacts;
    }

    public void mlstFacts(Set<String> facts) {
        mlstFacts = facts;
    }

    /** The algorithm HASH uses, chosen with OPTS HASH. */
    public HashAlgorithm hashAlgorithm() {
        return hashAlgorithm;
    }

    public void hashAlgorithm(HashAlgorithm algorithm) {
        hashAlgorithm = algorithm;
    }

    /** Replaces the data channel, releasing the previous one. */
    public void dataChannel(DataChannel channel) {
        if (dataChannel != null && dataChannel != channel) {
            dataChannel.release();
        }
        dataChannel = channel;
    }

    /** The data channel for the next transfer; a channel serves one transfer. */
    public DataChannel takeDataChannel() {
        DataChannel channel = dataChannel;
        dataChannel = null;
        return channel;
    }

    public boolean hasDataChannel() {
        return dataChannel != null;
    }

    public RunningTransfer transfer() {
        return transfer;
    }

    /** Completes once the transfer's final reply is written. */
    public Future<Void> transferFinished() {
        return transferFinished;
    }

    public void transfer(RunningTransfer running, Future<Void> finished) {
        transfer = running;
        transferFinished = finished;
    }

    void close() {
        if (dataChannel != null) {
            dataChannel.release();
            dataChannel = null;
        }
        if (transfer != null) {
            transfer.abort();
        }
    }
}
