package io.ftpsbridge.vfs.s3;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StoredModifyTimeTest {

    @Test
    void wholeSecondsAreWrittenAsAnInteger() {
        assertEquals("1577934245", StoredModifyTime.format(Instant.parse("2020-01-02T03:04:05Z")));
        assertEquals("1577934245.25", StoredModifyTime.format(Instant.parse("2020-01-02T03:04:05.250Z")));
        assertEquals("-1.5", StoredModifyTime.format(Instant.parse("1969-12-31T23:59:58.500Z")));
    }

    @Test
    void theFormsRcloneAndS3fsWriteAreRead() {
        assertEquals(Optional.of(Instant.parse("2020-01-02T03:04:05Z")), StoredModifyTime.parse("1577934245"));
        assertEquals(Optional.of(Instant.parse("2020-01-02T03:04:05.123456789Z")),
                StoredModifyTime.parse("1577934245.123456789"));
        assertEquals(Optional.of(Instant.parse("1969-12-31T23:59:58.500Z")), StoredModifyTime.parse("-1.5"));
        for (Instant t : new Instant[]{Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999Z")}) {
            assertEquals(Optional.of(t), StoredModifyTime.parse(StoredModifyTime.format(t)), t.toString());
        }
    }

    @Test
    void anythingElseFallsBackToLastModified() {
        Instant written = Instant.parse("2026-11-26T10:00:00Z");
        for (String bad : new String[]{"", "soon", "1e9", "2020-01-02T03:04:05Z", "1577934245.", "12345678901234"}) {
            HeadObjectResponse head = HeadObjectResponse.builder().lastModified(written)
                    .metadata(Map.of(StoredModifyTime.METADATA, bad)).build();
            assertEquals(written, StoredModifyTime.of(head), bad);
        }
        assertEquals(written, StoredModifyTime.of(HeadObjectResponse.builder().lastModified(written).build()));
        assertEquals(Instant.ofEpochSecond(1577934245), StoredModifyTime.of(HeadObjectResponse.builder()
                .lastModified(written).metadata(Map.of(StoredModifyTime.METADATA, "1577934245")).build()));
    }
}
