package io.ftpsbridge.it;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same bridge contract against LocalStack; runs where Docker exists and is skipped where it does not. */
@QuarkusTest
@Testcontainers(disabledWithoutDocker = true)
@WithTestResource(LocalStackTestResource.class)
class LocalStackBridgeTest extends BridgeContract {
}
