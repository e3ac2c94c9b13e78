package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.HashAlgorithm;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.Session;
import io.vertx.core.Future;

/** FEAT (RFC 2389 §3): every extension this server speaks, one a line, each line starting with a space. */
final class FeatCommand implements FtpCommand {

    private static final String FEATURES = String.join("\r\n",
            "211-Extensions supported:",
            " AUTH TLS",
            " AUTH SSL",
            " PBSZ",
            " PROT",
            " EPSV",
            " HASH %s",
            " MDTM",
            " MFMT",
            " MLST " + String.join("*;", Session.MLST_FACTS) + "*;",
            " REST STREAM",
            " SIZE",
            " TVFS",
            " UTF8",
            "211 End",
            "");

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        // The HASH line marks the session's algorithm with a star (draft-bryan-ftpext-hash §3.2).
        StringBuilder hashes = new StringBuilder();
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            hashes.append(algorithm.ftpName()).append(algorithm == connection.session().hashAlgorithm() ? "*" : "").append(';');
        }
        return connection.replyRaw(FEATURES.formatted(hashes.substring(0, hashes.length() - 1)));
    }
}
