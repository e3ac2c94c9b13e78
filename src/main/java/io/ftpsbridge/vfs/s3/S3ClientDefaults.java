package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.config.ConfigurationException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Locale;

/**
 * SDK settings the extension has no key for, applied before the S3 client is first built. The SDK reads
 * {@code aws.requestChecksumCalculation} when it builds a client.
 */
@ApplicationScoped
public class S3ClientDefaults {

    static final String CHECKSUM_PROPERTY = "aws.requestChecksumCalculation";

    void apply(@Observes @Priority(1) StartupEvent event, BridgeConfig config) {
        System.setProperty(CHECKSUM_PROPERTY, checksumsWhenSupported(config.s3()) ? "WHEN_SUPPORTED" : "WHEN_REQUIRED");
    }

    /** True for {@code when-supported}: the SDK adds a CRC checksum to every upload request. */
    static boolean checksumsWhenSupported(BridgeConfig.S3 config) {
        String value = config.requestChecksumCalculation().strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "when-supported", "when_supported" -> true;
            case "when-required", "when_required" -> false;
            default -> throw new ConfigurationException("bridge.s3.request-checksum-calculation",
                    "must be when-supported or when-required, got '" + value + "'");
        };
    }
}
