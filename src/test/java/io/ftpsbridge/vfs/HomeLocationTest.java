package io.ftpsbridge.vfs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HomeLocationTest {

    @Test
    void parsesBucketAndPrefix() {
        assertEquals(new HomeLocation("my-bucket", "partners/acme/"), HomeLocation.parse("s3://my-bucket/partners/acme/").orElseThrow());
        assertEquals(new HomeLocation("my-bucket", "partners/"), HomeLocation.parse("s3://my-bucket/partners").orElseThrow());
        assertEquals(new HomeLocation("my-bucket", ""), HomeLocation.parse("s3://my-bucket/").orElseThrow());
        assertEquals(new HomeLocation("my-bucket", ""), HomeLocation.parse("s3://my-bucket").orElseThrow());
    }

    @Test
    void refusesWhatIsNotAnS3Home() {
        assertTrue(HomeLocation.parse("/data/acme").isEmpty());
        assertTrue(HomeLocation.parse("s3://UPPER/x/").isEmpty());
        assertTrue(HomeLocation.parse("s3://ab/x/").isEmpty());
        assertTrue(HomeLocation.parse("s3://bucket//x/").isEmpty());
        assertTrue(HomeLocation.parse("https://bucket/x/").isEmpty());
    }
}
