package io.ftpsbridge.protocol;

import io.ftpsbridge.auth.LoginGuard;
import io.ftpsbridge.auth.UserDirectory;
import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.datachannel.ActiveConnector;
import io.ftpsbridge.datachannel.PassivePortPool;
import io.ftpsbridge.protocol.command.CommandTable;
import io.ftpsbridge.tls.SessionReuse;
import io.ftpsbridge.vfs.FileSystemProvider;

/**
 * What every connection shares: settings, users, the login guard, storage, the passive port pool, the command
 * table, the data-connection TLS policy and what active mode dials with.
 */
public record FtpServices(BridgeConfig config, UserDirectory users, LoginGuard loginGuard, FileSystemProvider storage,
                          PassivePortPool passivePorts, CommandTable commands, SessionReuse sessionReuse,
                          ActiveConnector activeConnector) {
}
