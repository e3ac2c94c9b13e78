package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.VfsException.Reason;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3ErrorsTest {

    private static S3Exception s3(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    private static Reason reason(Throwable t) {
        return S3Errors.translate(new CompletionException(t), "/x").reason();
    }

    @Test
    void mapsS3AnswersToStorageReasons() {
        assertEquals(Reason.NOT_FOUND, reason(NoSuchKeyException.builder().build()));
        assertEquals(Reason.NOT_FOUND, reason(s3(404, "NotFound")));
        assertEquals(Reason.ACCESS_DENIED, reason(s3(403, "AccessDenied")));
        assertEquals(Reason.TEMPORARY, reason(s3(503, "SlowDown")));
        assertEquals(Reason.TEMPORARY, reason(s3(500, "InternalError")));
        assertEquals(Reason.TEMPORARY, reason(s3(400, "RequestTimeout")));
        assertEquals(Reason.TEMPORARY, reason(SdkClientException.create("connection refused")));
        assertEquals(Reason.FAILED, reason(s3(400, "InvalidArgument")));
        assertTrue(S3Errors.isNotFound(new CompletionException(s3(404, "NoSuchKey"))));
    }

    @Test
    void messagesCarryThePathNotTheSdkStackOrKeys() {
        String message = S3Errors.translate(s3(400, "InvalidArgument"), "/reports/a.csv").getMessage();
        assertEquals("/reports/a.csv: storage refused the request (InvalidArgument)", message);
    }
}
