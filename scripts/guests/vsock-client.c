/*
 * jvmm-vsock: the test guests' vsock client. Connects to CID PORT over AF_VSOCK, sends MESSAGE
 * and a newline, shuts down its sending side, and copies what the peer answers to stdout.
 *   jvmm-vsock CID PORT MESSAGE
 * Built static by build-initrd.sh (gcc, glibc's libc.a) into the initramfs as /bin/jvmm-vsock.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/vm_sockets.h>

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: jvmm-vsock CID PORT MESSAGE\n");
        return 2;
    }
    struct sockaddr_vm addr;
    memset(&addr, 0, sizeof addr);
    addr.svm_family = AF_VSOCK;
    addr.svm_cid = (unsigned) strtoul(argv[1], NULL, 10);
    addr.svm_port = (unsigned) strtoul(argv[2], NULL, 10);
    int fd = socket(AF_VSOCK, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *) &addr, sizeof addr) < 0) {
        fprintf(stderr, "jvmm-vsock: connect: %s\n", strerror(errno));
        return 1;
    }
    size_t len = strlen(argv[3]);
    if (write(fd, argv[3], len) != (ssize_t) len || write(fd, "\n", 1) != 1) {
        fprintf(stderr, "jvmm-vsock: write: %s\n", strerror(errno));
        return 1;
    }
    shutdown(fd, SHUT_WR);
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        fwrite(buf, 1, (size_t) n, stdout);
    }
    close(fd);
    return n < 0 ? 1 : 0;
}
