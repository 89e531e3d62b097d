package org.jvmm.devices.virtio.impl.hostfs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Map;

/**
 * Host I/O failures as Linux errnos. The JDK reports most errnos as a {@link FileSystemException} whose
 * reason is the host's strerror text, so those texts (glibc's) are mapped back; anything unknown is EIO.
 */
public final class HostErrors {
    private static final Map<String, Integer> REASONS = Map.ofEntries(
            Map.entry("Operation not permitted", Errno.EPERM),
            Map.entry("No such file or directory", Errno.ENOENT),
            Map.entry("Permission denied", Errno.EACCES),
            Map.entry("Device or resource busy", Errno.EBUSY),
            Map.entry("File exists", Errno.EEXIST),
            Map.entry("Invalid cross-device link", Errno.EXDEV),
            Map.entry("Not a directory", Errno.ENOTDIR),
            Map.entry("Is a directory", Errno.EISDIR),
            Map.entry("Invalid argument", Errno.EINVAL),
            Map.entry("Too many open files", Errno.EMFILE),
            Map.entry("Text file busy", Errno.ETXTBSY),
            Map.entry("File too large", Errno.EFBIG),
            Map.entry("No space left on device", Errno.ENOSPC),
            Map.entry("Read-only file system", Errno.EROFS),
            Map.entry("Too many links", Errno.EMLINK),
            Map.entry("File name too long", Errno.ENAMETOOLONG),
            Map.entry("Directory not empty", Errno.ENOTEMPTY),
            Map.entry("Disk quota exceeded", Errno.EDQUOT),
            Map.entry("Value too large for defined data type", Errno.EOVERFLOW),
            Map.entry("Operation not supported", Errno.EOPNOTSUPP));
    private static final String LOOP = "Too many levels of symbolic links";

    private HostErrors() {
    }

    public static int errno(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> Errno.ENOENT;
            case FileAlreadyExistsException x -> Errno.EEXIST;
            case DirectoryNotEmptyException x -> Errno.ENOTEMPTY;
            case AccessDeniedException x -> Errno.EACCES;
            case NotDirectoryException x -> Errno.ENOTDIR;
            case NotLinkException x -> Errno.EINVAL;
            case AtomicMoveNotSupportedException x -> Errno.EXDEV;
            case FileSystemLoopException x -> Errno.ELOOP;
            case FileSystemException x -> byReason(x.getReason());
            default -> byReason(e.getMessage());
        };
    }

    private static int byReason(String reason) {
        if (reason == null) {
            return Errno.EIO;
        }
        if (reason.startsWith(LOOP)) {
            return Errno.ELOOP;
        }
        return REASONS.getOrDefault(reason, Errno.EIO);
    }
}
