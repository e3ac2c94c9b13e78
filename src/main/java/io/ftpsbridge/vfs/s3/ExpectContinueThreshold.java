package io.ftpsbridge.vfs.s3;

import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.util.Optional;

/**
 * Sends the body of a small PutObject or UploadPart at once instead of after S3's {@code 100 Continue}. The SDK in
 * use adds {@code Expect: 100-continue} to every such request (later SDKs leave it off below 1 MiB by default,
 * {@code expectContinueThresholdInBytes}): for a small file that is one more round trip to S3 between the client's
 * last byte and the 226, while the bytes it might save sending are fewer than the wait costs. Larger bodies keep
 * it. Registered with {@code quarkus.s3.interceptors}; it runs after the SDK's own interceptors.
 */
@ApplicationScoped
public class ExpectContinueThreshold implements ExecutionInterceptor {

    static final long THRESHOLD = 1024 * 1024;
    private static final String EXPECT = "Expect";

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        if (request.firstMatchingHeader(EXPECT).isEmpty()) {
            return request;
        }
        Optional<Long> length = request.firstMatchingHeader("Content-Length").map(Long::parseLong)
                .or(() -> context.asyncRequestBody().flatMap(body -> body.contentLength()))
                .or(() -> context.requestBody().flatMap(body -> body.optionalContentLength()));
        return length.isPresent() && length.get() < THRESHOLD
                ? request.toBuilder().removeHeader(EXPECT).build()
                : request;
    }
}
