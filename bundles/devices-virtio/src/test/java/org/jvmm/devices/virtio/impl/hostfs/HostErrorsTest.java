package org.jvmm.devices.virtio.impl.hostfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class HostErrorsTest {
    @Test
    void jdkExceptionTypesMapToTheirErrno() {
        assertEquals(Errno.ENOENT, HostErrors.errno(new NoSuchFileException("f")));
        assertEquals(Errno.EEXIST, HostErrors.errno(new FileAlreadyExistsException("f")));
        assertEquals(Errno.ENOTEMPTY, HostErrors.errno(new DirectoryNotEmptyException("d")));
        assertEquals(Errno.EACCES, HostErrors.errno(new AccessDeniedException("f")));
        assertEquals(Errno.EXDEV, HostErrors.errno(new AtomicMoveNotSupportedException("a", "b", "x")));
    }

    @Test
    void hostReasonsMapBackToErrnosAndUnknownOnesAreEio() {
        assertEquals(Errno.ENOTDIR, HostErrors.errno(new FileSystemException("f", null, "Not a directory")));
        assertEquals(Errno.ENOSPC, HostErrors.errno(new FileSystemException("f", null, "No space left on device")));
        assertEquals(Errno.EROFS, HostErrors.errno(new FileSystemException("f", null, "Read-only file system")));
        assertEquals(Errno.EINVAL, HostErrors.errno(new FileSystemException("a", "b", "Invalid argument")));
        assertEquals(Errno.ELOOP,
                HostErrors.errno(new IOException("Too many levels of symbolic links (NOFOLLOW_LINKS specified)")));
        assertEquals(Errno.EIO, HostErrors.errno(new FileSystemException("f", null, "Something new")));
        assertEquals(Errno.EIO, HostErrors.errno(new IOException()));
    }
}
