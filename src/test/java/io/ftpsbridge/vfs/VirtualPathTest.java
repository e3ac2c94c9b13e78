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
        assertEquals("/..%2fcarol%2fx", resolve("/", "..%2fcarol%2fx"));
        assertEquals("/%252e%252e", resolve("/", "%252e%252e"));
    }

    @Test
    void hostileChainsStayInside() {
        assertEquals("/carol/x", resolve("/a/b", "../".repeat(300) + "carol/x"));
        assertEquals("/", resolve("/a", "a/../".repeat(300) + ".."));
        assertEquals("/carol/x", resolve("/", "C:\\..\\..\\carol\\x"));
        assertEquals("/.../..../x", resolve("/", ".../..../x"), "only . and .. are special");
        assertEquals("/\u2025/\uff0e\uff0e", resolve("/", "\u2025/\uff0e\uff0e"), "look-alike dots are names");
        assertEquals("/.. /x", resolve("/", "../.. /x"));
        assertEquals(300, VirtualPath.resolve(VirtualPath.ROOT, "d/".repeat(300)).segments().size());
    }

    @Test
    void refusesControlCharacters() {
        VfsException e = assertThrows(VfsException.class, () -> resolve("/", "a\u0000b"));
        assertEquals(VfsException.Reason.INVALID_NAME, e.reason());
        assertThrows(VfsException.class, () -> resolve("/", "a\nb"));
        for (char c = 1; c < 0x20; c++) {
            char control = c;
            assertThrows(VfsException.class, () -> resolve("/", "../x" + control + "y"), "character " + (int) c);
        }
        assertThrows(VfsException.class, () -> resolve("/", "del\u007f"));
        assertThrows(VfsException.class, () -> resolve("/", "x\u0000/../y"), "even in a segment that .. removes");
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
