package io.ftpsbridge.vfs;

/** Opens the tree of a home. */
public interface FileSystemProvider {

    FileSystemView open(HomeLocation home);
}
