package io.ftpsbridge.it;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The bridge contract against S3Proxy, which runs everywhere. */
@QuarkusTest
@WithTestResource(S3ProxyTestResource.class)
class S3ProxyBridgeTest extends BridgeContract {
}
