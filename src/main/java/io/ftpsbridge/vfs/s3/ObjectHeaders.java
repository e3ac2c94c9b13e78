package io.ftpsbridge.vfs.s3;

import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

import java.util.HashMap;
import java.util.Map;

/**
 * What an object carries besides its bytes and S3 sets on every write: user metadata ({@code x-amz-meta-*}), the
 * content headers, storage class and encryption. A copy that writes new metadata (MetadataDirective REPLACE) or a
 * multipart copy (UploadPartCopy moves bytes only) must state all of them again, or they are lost.
 */
record ObjectHeaders(Map<String, String> metadata, String contentType, String contentEncoding,
                     String contentDisposition, String contentLanguage, String cacheControl, StorageClass storageClass,
                     ServerSideEncryption serverSideEncryption, String ssekmsKeyId) {

    static ObjectHeaders of(HeadObjectResponse head) {
        // HeadObject names S3's own class STANDARD by leaving it out; an unknown value would be refused on the copy.
        StorageClass storageClass = head.storageClass() == StorageClass.UNKNOWN_TO_SDK_VERSION ? null : head.storageClass();
        ServerSideEncryption encryption = head.serverSideEncryption() == ServerSideEncryption.UNKNOWN_TO_SDK_VERSION
                ? null : head.serverSideEncryption();
        return new ObjectHeaders(Map.copyOf(head.metadata()), head.contentType(), head.contentEncoding(),
                head.contentDisposition(), head.contentLanguage(), head.cacheControl(), storageClass, encryption,
                head.ssekmsKeyId());
    }

    /** The same headers with one user metadata entry set. */
    ObjectHeaders withMetadata(String name, String value) {
        Map<String, String> changed = new HashMap<>(metadata);
        changed.put(name, value);
        return new ObjectHeaders(Map.copyOf(changed), contentType, contentEncoding, contentDisposition, contentLanguage,
                cacheControl, storageClass, serverSideEncryption, ssekmsKeyId);
    }

    CopyObjectRequest.Builder applyTo(CopyObjectRequest.Builder copy) {
        return copy.metadata(metadata).contentType(contentType).contentEncoding(contentEncoding)
                .contentDisposition(contentDisposition).contentLanguage(contentLanguage).cacheControl(cacheControl)
                .storageClass(storageClass).serverSideEncryption(serverSideEncryption).ssekmsKeyId(ssekmsKeyId);
    }

    CreateMultipartUploadRequest.Builder applyTo(CreateMultipartUploadRequest.Builder upload) {
        return upload.metadata(metadata).contentType(contentType).contentEncoding(contentEncoding)
                .contentDisposition(contentDisposition).contentLanguage(contentLanguage).cacheControl(cacheControl)
                .storageClass(storageClass).serverSideEncryption(serverSideEncryption).ssekmsKeyId(ssekmsKeyId);
    }
}
