package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.VfsException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one place that turns SDK failures into storage reasons. */
final class S3Errors {

    private S3Errors() {
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** True when S3 answered that the key (or bucket) does not exist. */
    static boolean isNotFound(Throwable failure) {
        Throwable t = unwrap(failure);
        return t instanceof NoSuchKeyException || t instanceof S3Exception e && e.statusCode() == 404;
    }

    static VfsException translate(Throwable failure, String what) {
        Throwable t = unwrap(failure);
        if (t instanceof VfsException v) {
            return v;
        }
        if (t instanceof NoSuchBucketException) {
            return new VfsException(VfsException.Reason.NOT_FOUND, "the storage bucket does not exist", t);
        }
        if (t instanceof NoSuchKeyException || t instanceof NoSuchUploadException) {
            return new VfsException(VfsException.Reason.NOT_FOUND, what + ": no such file", t);
        }
        if (t instanceof S3Exception e) {
            int status = e.statusCode();
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (status == 404) {
                return new VfsException(VfsException.Reason.NOT_FOUND, what + ": not found", t);
            }
            if (status == 403) {
                return new VfsException(VfsException.Reason.ACCESS_DENIED, what + ": storage denied access", t);
            }
            if (status == 429 || status >= 500 || "SlowDown".equals(code) || "RequestTimeout".equals(code)) {
                return new VfsException(VfsException.Reason.TEMPORARY, what + ": storage busy or unavailable", t);
            }
            return new VfsException(VfsException.Reason.FAILED,
                    what + ": storage refused the request (" + (code == null ? status : code) + ")", t);
        }
        if (t instanceof SdkClientException) {
            return new VfsException(VfsException.Reason.TEMPORARY, what + ": storage unreachable", t);
        }
        return new VfsException(VfsException.Reason.FAILED, what + ": " + t.getClass().getSimpleName(), t);
    }
}
