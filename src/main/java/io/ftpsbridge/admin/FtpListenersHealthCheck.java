package io.ftpsbridge.admin;

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

    public FtpListenersHealthCheck(FtpServer server, ConnectionRegistry connections) {
        this.server = server;
        this.connections = connections;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ftp-listeners")
                .status(server.listening())
                .withData("sessions", connections.size())
                .build();
    }
}
