package org.jvmm.devices.virtio.impl.p9.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.jvmm.devices.virtio.impl.p9.proto.Errno;
import org.junit.jupiter.api.Test;

class IoErrorsTest {
    @Test
    void jdkExceptionTypesMapToTheirErrno() {
        assertEquals(Errno.ENOENT, IoErrors.errno(new NoSuchFileException("f")));
        assertEquals(Errno.EEXIST, IoErrors.errno(new FileAlreadyExistsException("f")));
        assertEquals(Errno.ENOTEMPTY, IoErrors.errno(new DirectoryNotEmptyException("d")));
        assertEquals(Errno.EACCES, IoErrors.errno(new AccessDeniedException("f")));
        assertEquals(Errno.EXDEV, IoErrors.errno(new AtomicMoveNotSupportedException("a", "b", "x")));
    }

    @Test
    void hostReasonsMapBackToErrnosAndUnknownOnesAreEio() {
        assertEquals(Errno.ENOTDIR, IoErrors.errno(new FileSystemException("f", null, "Not a directory")));
        assertEquals(Errno.ENOSPC, IoErrors.errno(new FileSystemException("f", null, "No space left on device")));
        assertEquals(Errno.EROFS, IoErrors.errno(new FileSystemException("f", null, "Read-only file system")));
        assertEquals(Errno.EINVAL, IoErrors.errno(new FileSystemException("a", "b", "Invalid argument")));
        assertEquals(Errno.ELOOP,
                IoErrors.errno(new IOException("Too many levels of symbolic links (NOFOLLOW_LINKS specified)")));
        assertEquals(Errno.EIO, IoErrors.errno(new FileSystemException("f", null, "Something new")));
        assertEquals(Errno.EIO, IoErrors.errno(new IOException()));
    }
}
