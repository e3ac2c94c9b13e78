package io.ftpsbridge.admin;

import io.ftpsbridge.datachannel.PassivePortPool;
import io.ftpsbridge.server.ConnectionRegistry;
import io.ftpsbridge.server.FtpServer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the FTP listeners accept connections. */
@Readiness
@ApplicationScoped
public class FtpListenersHealthCheck implements HealthCheck {

    private final FtpServer server;
    private final ConnectionRegistry connections;
    private final PassivePortPool passivePorts;

    public FtpListenersHealthCheck(FtpServer server, ConnectionRegistry connections, PassivePortPool passivePorts) {
        this.server = server;
        this.connections = connections;
        this.passivePorts = passivePorts;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ftp-listeners")
                .status(server.listening())
                .withData("sessions", connections.size())
                .withData("passive-ports-in-use", passivePorts.inUse())
                .build();
    }
}
