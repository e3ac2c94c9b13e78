package io.ftpsbridge.vfs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtualPathTest {

    private static String resolve(String cwd, String arg) {
        return VirtualPath.resolve(VirtualPath.resolve(VirtualPath.ROOT, cwd), arg).toString();
    }

    @Test
    void normalisesDotsSlashesAndBackslashes() {
        assertEquals("/a/b", resolve("/", "a//b/"));
        assertEquals("/a/c", resolve("/a/b", "../c"));
        assertEquals("/a/b/c", resolve("/a/b", "./c/."));
        assertEquals("/x/y", resolve("/a", "\\x\\y"));
        assertEquals("/a", resolve("/a", ""));
    }

    @Test
    void neverLeavesTheHome() {
        assertEquals("/", resolve("/", ".."));
        assertEquals("/", resolve("/a", "../../../.."));
        assertEquals("/etc/passwd", resolve("/", "../../etc/passwd"));
        assertEquals("/b", resolve("/a", "/../b"));
        assertTrue(VirtualPath.resolve(VirtualPath.ROOT, "..").isRoot());
    }

    @Test
    void keepsPercentEncodingAsText() {
        assertEquals("/%2e%2e/x", resolve("/", "%2e%2e/x"));
    }

    @Test
    void refusesControlCharacters() {
        VfsException e = assertThrows(VfsException.class, () -> resolve("/", "a\u0000b"));
        assertEquals(VfsException.Reason.INVALID_NAME, e.reason());
        assertThrows(VfsException.class, () -> resolve("/", "a\nb"));
    }

    @Test
    void parentChildAndContains() {
        VirtualPath ab = VirtualPath.resolve(VirtualPath.ROOT, "/a/b");
        assertEquals("/a", ab.parent().toString());
        assertEquals("b", ab.name());
        assertEquals("/a/b/c", ab.child("c").toString());
        assertTrue(ab.parent().contains(ab));
        assertTrue(VirtualPath.ROOT.contains(ab));
    }
}
