/**
 * The native side of the KVM backend, and the only code here that uses {@code java.lang.foreign}
 * downcalls: libc ({@code open}, {@code ioctl}, {@code mmap}, {@code sigaction}, {@code pthread_kill})
 * with errno captured, the KVM structs described once each as {@code MemoryLayout}s with
 * {@code VarHandle}s ({@link org.jvmm.hv.kvm.impl.ffm.AbiCatalog} lists them for the ABI test),
 * the ioctl numbers ({@link org.jvmm.hv.kvm.impl.ffm.Ioctl}), and typed wrappers for the
 * /dev/kvm, VM and vCPU file descriptors. Every failure is a
 * {@link org.jvmm.hv.kvm.impl.ffm.NativeCallException} naming the call and errno.
 */
package org.jvmm.hv.kvm.impl.ffm;
