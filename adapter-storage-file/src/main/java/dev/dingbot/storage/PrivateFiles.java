package dev.dingbot.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files and directories only their owner can read: created {@code 0600} and {@code 0700} where the file system has
 * POSIX permissions (the umask can only take more away); elsewhere as that file system makes them. The data dir
 * holds whole messages, session-webhook URLs (each a capability to post into its chat) and everyone's history.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} and its missing parents, each {@code 0700}; an existing one is left as it is. */
    public static Path createDirectories(Path dir) throws IOException {
        return Files.createDirectories(dir, attributes(dir, DIRECTORY));
    }

    /** Opens a channel; a file it creates is {@code 0600}. */
    static FileChannel open(Path file, OpenOption... options) throws IOException {
        return FileChannel.open(file, Set.of(options), attributes(file, FILE));
    }

    /** An output stream to {@code file}; a file it creates is {@code 0600}. */
    public static OutputStream newOutputStream(Path file, OpenOption... options) throws IOException {
        return Channels.newOutputStream(Files.newByteChannel(file, Set.of(options), attributes(file, FILE)));
    }

    /** Creates a new empty {@code 0600} file; fails when it exists. */
    static Path createFile(Path file) throws IOException {
        return Files.createFile(file, attributes(file, FILE));
    }

    /**
     * Takes group and other permissions away from {@code dir} and everything under it (files and directories, not
     * symbolic links), as an older version or an operator left them; returns the paths changed. Nothing where the file system has
     * no POSIX permissions.
     */
    static List<Path> tighten(Path dir) throws IOException {
        List<Path> changed = new ArrayList<>();
        if (!posix(dir)) return changed;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink()) continue;
                Set<PosixFilePermission> now = attributes.permissions();
                Set<PosixFilePermission> kept = new HashSet<>(now);
                kept.retainAll(attributes.isDirectory() ? DIRECTORY : FILE);
                if (!kept.equals(now)) {
                    Files.setPosixFilePermissions(path, kept);
                    changed.add(path);
                }
            }
        }
        return changed;
    }

    private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> permissions) {
        return posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
