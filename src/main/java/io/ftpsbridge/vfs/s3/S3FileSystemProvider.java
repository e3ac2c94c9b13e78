package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.config.ConfigurationException;
import io.ftpsbridge.vfs.FileSystemProvider;
import io.ftpsbridge.vfs.FileSystemView;
import io.ftpsbridge.vfs.HomeLocation;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens homes on S3 through the extension's async client ({@code quarkus.s3.*}). Built at startup, after
 * S3ClientDefaults, so a bad {@code bridge.s3.*} setting stops startup instead of the first login.
 */
@ApplicationScoped
@Startup(10)
public class S3FileSystemProvider implements FileSystemProvider {

    /** Leaves a staging key (prefix, 36-character name, dot, part number) far below S3's 1024 bytes. */
    private static final int MAX_STAGING_PREFIX_BYTES = 512;

    private final S3AsyncClient s3;
    private final UploadBufferBudget budget;
    /**
     * Hashes upload parts (Content-MD5), one thread per core: MD5 is the costliest step of an upload after TLS, and
     * on the connection's event loop it would hold back the next bytes.
     */
    private final ExecutorService digests = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
            new DigestThreads());
    /** Volatile for {@link #useUploadLimits}, a test's hook; homes opened later see the change. */
    private volatile S3Settings settings;

    public S3FileSystemProvider(S3AsyncClient s3, BridgeConfig config) {
        this.s3 = s3;
        this.settings = settings(config.s3());
        requireHomesOutsideStaging(settings.stagingPrefix(), config.users());
        this.budget = new UploadBufferBudget(settings.uploadBufferBudget());
    }

    static S3Settings settings(BridgeConfig.S3 config) {
        long partSize = config.partSize().asLongValue();
        if (partSize < S3Settings.MIN_PART_SIZE || partSize > PartSizeSchedule.MAX_PART_SIZE) {
            throw new ConfigurationException("bridge.s3.part-size", "must be between 5M and 5G (S3's part limits), got " + partSize + " bytes");
        }
        if (config.uploadConcurrency() < 1 || config.uploadConcurrency() > 64) {
            throw new ConfigurationException("bridge.s3.upload-concurrency", "must be between 1 and 64, got " + config.uploadConcurrency());
        }
        long budget = config.uploadBufferBudget().asLongValue();
        long needed = partSize * (config.uploadConcurrency() + 1);
        if (budget < needed) {
            // Below this, one upload alone could not keep upload-concurrency parts in flight while it fills the next.
            throw new ConfigurationException("bridge.s3.upload-buffer-budget", "must be at least part-size × "
                    + "(upload-concurrency + 1) = " + needed + " bytes, got " + budget + " bytes");
        }
        if (config.listPageSize() < 1 || config.listPageSize() > 1000) {
            throw new ConfigurationException("bridge.s3.list-page-size", "must be between 1 and 1000, got " + config.listPageSize());
        }
        if (config.maxRenameKeys() < 1) {
            throw new ConfigurationException("bridge.s3.max-rename-keys", "must be at least 1, got " + config.maxRenameKeys());
        }
        if (config.listingTimeLookups() < 0) {
            throw new ConfigurationException("bridge.s3.listing-time-lookups", "must be 0 (off) or more, got " + config.listingTimeLookups());
        }
        return new S3Settings(partSize, config.uploadConcurrency(), config.listPageSize(), config.maxRenameKeys(),
                budget, S3ClientDefaults.checksumsWhenSupported(config), config.listingTimeLookups(),
                stagingPrefix(config.stagingPrefix()));
    }

    /**
     * A directory-like prefix (ends with {@code /}) with room left for the staging keys under it: a random name and
     * a part number, well within S3's 1024 bytes.
     */
    private static String stagingPrefix(String prefix) {
        String key = "bridge.s3.staging-prefix";
        if (prefix.isEmpty() || prefix.startsWith("/") || !prefix.endsWith("/") || prefix.contains("//")) {
            throw new ConfigurationException(key, "must be a key prefix such as .ftps-bridge-staging/ (not empty, "
                    + "ending with / and not starting with it, no //), got '" + prefix + "'");
        }
        if (prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ConfigurationException(key, "must not contain control characters");
        }
        int bytes = prefix.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_STAGING_PREFIX_BYTES) {
            throw new ConfigurationException(key, "must be at most " + MAX_STAGING_PREFIX_BYTES + " bytes, got " + bytes);
        }
        return prefix;
    }

    /** A home inside the staging prefix would show its user the staging objects (and let them be changed). */
    static void requireHomesOutsideStaging(String stagingPrefix, Map<String, BridgeConfig.User> users) {
        users.forEach((name, user) -> HomeLocation.parse(user.home())
                .filter(home -> home.prefix().startsWith(stagingPrefix))
                .ifPresent(home -> {
                    throw new ConfigurationException("bridge.s3.staging-prefix", "must not contain a home, but user "
                            + name + "'s home " + home + " lies in " + stagingPrefix);
                }));
    }

    /**
     * Package-private for tests only: S3's upload limits replaced by smaller ones (part numbers, largest object,
     * segment size), so that a test reaches staged segments with a few MiB. Not a setting.
     */
    void useUploadLimits(UploadLimits limits) {
        settings = settings.withUploadLimits(limits);
    }

    /** The part buffer budget all uploads of this process share. */
    public UploadBufferBudget uploadBufferBudget() {
        return budget;
    }

    @Override
    public FileSystemView open(HomeLocation home) {
        S3Settings current = settings;
        return new S3FileSystemView(s3, new S3KeyMapper(home, current.stagingPrefix()), current, budget, digests);
    }

    @PreDestroy
    void stopDigests() {
        digests.shutdown();
    }

    private static final class DigestThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "upload-digest-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
