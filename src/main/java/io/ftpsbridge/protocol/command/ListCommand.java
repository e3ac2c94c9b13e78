package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.datachannel.DataChannel;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.Session;
import io.ftpsbridge.protocol.listing.ListingFormat;
import io.ftpsbridge.protocol.listing.LsLongFormat;
import io.ftpsbridge.protocol.listing.MachineListFormat;
import io.ftpsbridge.protocol.listing.NameGlob;
import io.ftpsbridge.protocol.listing.NameListFormat;
import io.ftpsbridge.protocol.listing.SocketListing;
import io.ftpsbridge.vfs.FileSystemView;
import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/**
 * LIST (RFC 959 §4.1.3, ls -l lines), NLST (names) and MLSD (RFC 3659 §7, facts) of a directory, or of a single
 * file for LIST and NLST, or of the names matching a pattern ({@code *.csv}). Options such as {@code -a} or {@code -l} that clients send are accepted and ignored:
 * S3 has no hidden files and every listing is long.
 */
final class ListCommand implements FtpCommand {

    enum Style { LIST, NLST, MLSD }

    private final Style style;

    ListCommand(Style style) {
        this.style = style;
    }

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        Session session = connection.session();
        VirtualPath named = session.resolve(style == Style.MLSD ? argument : withoutOptions(argument));
        // LIST *.csv, NLST report-*: a pattern in the last segment lists its directory, filtered.
        NameGlob glob = style != Style.MLSD && NameGlob.isPattern(named.name()) ? NameGlob.of(named.name()) : null;
        VirtualPath path = glob == null ? named : named.parent();
        ListingFormat format = format(session);
        DataChannel channel = DataTransfers.takeChannel(connection);
        if (channel == null) {
            return Future.succeededFuture();
        }
        return Future.fromCompletionStage(session.fileSystem().statListed(path), connection.context())
                .compose(entry -> {
                    if (entry.isEmpty()) {
                        throw new VfsException(VfsException.Reason.NOT_FOUND, path + ": no such file or directory");
                    }
                    if (!entry.get().directory() && (style == Style.MLSD || glob != null)) {
                        throw new VfsException(VfsException.Reason.NOT_A_DIRECTORY, path + ": not a directory (use MLST)");
                    }
                    var single = entry.get().directory() ? null : List.of(entry.get());
                    return DataTransfers.run(connection, channel, "Opening data connection for listing of " + path,
                            data -> new SocketListing(data, session.fileSystem(), path, format, times(), single, glob),
                            bytes -> "Listing complete");
                })
                .onFailure(failure -> channel.release());
    }

    /** NLST shows no times, so none are looked up for it. */
    private FileSystemView.ListingTimes times() {
        return style == Style.NLST ? FileSystemView.ListingTimes.LISTED : FileSystemView.ListingTimes.STORED;
    }

    private ListingFormat format(Session session) {
        return switch (style) {
            case LIST -> new LsLongFormat(session.user(), Instant.now());
            case NLST -> new NameListFormat();
            case MLSD -> new MachineListFormat(session.mlstFacts(), session.user());
        };
    }

    /** Drops leading ls options ({@code -a}, {@code -la}); a name that starts with a dash needs ./ before it. */
    static String withoutOptions(String argument) {
        String rest = argument.strip();
        while (rest.startsWith("-")) {
            int space = rest.indexOf(' ');
            rest = space < 0 ? "" : rest.substring(space + 1).strip();
        }
        return rest;
    }
}
