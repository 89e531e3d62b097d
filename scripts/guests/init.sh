#!/bin/sh
# /init of the jvmm test guests' initramfs (busybox sh, POSIX).
# Mounts proc, sysfs and devtmpfs; loads the modules named in /etc/jvmm/modules in order
# (failures are reported and ignored; file-system and pmem modules only for the actions that use
# them); prints the marker line
#   JVMM-INIT-OK nproc=N kernel=RELEASE arch=MACHINE uptime=SECONDS
# and then does what jvmm.action= on the kernel command line says:
#   poweroff  power off at once (poweroff -f)
#   cpuinfo   print the processor lines of /proc/cpuinfo, then power off
#   virtio    report the virtio devices, then power off: JVMM-VIRTIO-DEVICES=<device ids>,
#             JVMM-PCI-DEVICES=<bdf=vendor:device ...>, JVMM-HWRNG-CURRENT=<the hwrng in use>
#             (and with a hwrng, JVMM-HWRNG=<16 bytes from /dev/hwrng>), for each
#             /dev/vdX and /dev/nvme0nX JVMM-MD5-<name>=<md5 of the whole disk>; the last disk gets JVMM-WRITTEN at
#             sector 1 when it is writable (JVMM-WROTE-vdX); JVMM-HVC-HELLO written to /dev/hvc0; with eth0, a ping to 192.0.2.1 and
#             JVMM-NET=eth0 mac=.. carrier=.. tx=N rx=N
#   hotplug   print JVMM-HOTPLUG-READY, wait (up to 300 s) for a virtio PCI function (vendor 0x1af4)
#             to appear: JVMM-HOTPLUG-ADDED=<bdf>, then for it to go: JVMM-HOTPLUG-REMOVED=<bdf>;
#             then power off
#   writesync write JVMM-SYNCED-DATA at sector 8 of the last virtio disk (/dev/vdX) or NVMe
#             namespace, sync, print JVMM-SYNCED, then wait (for the host to kill the VMM)
#   fs        mount the virtio 9p share tagged jvmm on /mnt: JVMM-9P-LS=<names>, JVMM-9P-CAT=<hello.txt>,
#             write guest.txt there (JVMM-9P-WROTE), try to leave the share (JVMM-9P-ESCAPE=<what
#             /mnt/../.. lists>); then power off
#   ddbench   sequential read (dd to /dev/null, 64 x 1 MiB) then write (dd from /dev/zero,
#             conv=fsync) of every /dev/vdX and /dev/nvme0nX: JVMM-DD-READ-<name>=<s> s <MB/s> MB/s,
#             JVMM-DD-WRITE-<name>=...; then power off
#   vsock     connect to the host (CID 2) port 5000 over vsock with /bin/jvmm-vsock, send a line,
#             print the answer: JVMM-VSOCK-REPLY=<answer>; then power off
#   pmem      JVMM-PMEM=<md5 of /dev/pmem0>; then power off
#   nvmens    print JVMM-NVME-READY, wait (up to 300 s) for namespace 2 of the NVMe controller:
#             JVMM-NVME-ADDED=<md5 of /dev/nvme0n2>; then power off
#   virtiofs  the same with the virtio-fs share tagged jvmm: JVMM-VIRTIOFS-LS=..., -CAT=, -WROTE, -ESCAPE=
#   edu       print JVMM-EDU-READY, wait (up to 300 s) for the example edu device (PCI 1234:11e8):
#             JVMM-EDU-FOUND=<bdf>, run /bin/jvmm-edu on it (its JVMM-EDU-... lines), print
#             JVMM-EDU-DONE, wait for it to go: JVMM-EDU-REMOVED=<bdf>; then power off
#   fpucheck  run /bin/jvmm-fpucheck 3 100 (three processes checking that their XMM registers,
#             general registers and red zone survive context switches): its JVMM-FPUCHECK-BAD
#             lines and JVMM-FPUCHECK=ok|failed N; then power off
#   count     print JVMM-COUNT=<i> for i = 1..jvmm.count (default 12), each after some work (an md5
#             of /bin/busybox), with the md5 of /dev/vda when there is one (JVMM-COUNT=<i> vda=<md5>);
#             then JVMM-COUNT-DONE and power off (the snapshot tests stop and continue it)
#   shell     (the default) a shell on the console; power off when it exits
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
export HOME=/root

mount -t proc proc /proc || echo "jvmm-init: cannot mount /proc"
mount -t sysfs sysfs /sys || echo "jvmm-init: cannot mount /sys"
mount -t devtmpfs devtmpfs /dev || echo "jvmm-init: cannot mount /dev"

# Modules only some actions need (file systems, pmem) load on demand: each costs the kernel a
# signature check, which under emulation is a noticeable part of the boot.
ON_DEMAND=" netfs fscache 9pnet 9pnet_virtio 9p fuse virtiofs libnvdimm nd_btt nd_virtio virtio_pmem nd_pmem "

# Loads the modules of /etc/jvmm/modules in order: $1 = boot (all but ON_DEMAND) or demand (those).
load_modules() {
    [ -f /etc/jvmm/modules ] || return 0
    while read -r module; do
        [ -n "$module" ] || continue
        case $ON_DEMAND in
            *" $module "*) [ "$1" = demand ] || continue ;;
            *) [ "$1" = boot ] || continue ;;
        esac
        insmod "/lib/modules/$module.ko" || echo "jvmm-init: could not load $module (ignored)"
    done < /etc/jvmm/modules
}

load_modules boot

read -r uptime _ < /proc/uptime
echo "JVMM-INIT-OK nproc=$(nproc) kernel=$(uname -r) arch=$(uname -m) uptime=$uptime"

action=shell
read -r cmdline < /proc/cmdline
# shellcheck disable=SC2086  # split the command line into words
for word in $cmdline; do
    case $word in
        jvmm.action=*) action=${word#jvmm.action=} ;;
    esac
done

power_off() {
    poweroff -f
    echo "jvmm-init: poweroff -f failed"
    exit 1
}

report_virtio() {
    ids=""
    for d in /sys/bus/virtio/devices/*; do
        [ -e "$d/device" ] && ids="$ids $(cat "$d/device")"
    done
    echo "JVMM-VIRTIO-DEVICES=${ids# }"
    pci=""
    for d in /sys/bus/pci/devices/*; do
        [ -e "$d/vendor" ] && pci="$pci ${d##*/}=$(cat "$d/vendor"):$(cat "$d/device")"
    done
    echo "JVMM-PCI-DEVICES=${pci# }"
    last=""
    for disk in /dev/vd? /dev/nvme0n?; do
        [ -b "$disk" ] || continue
        name=${disk#/dev/}
        echo "JVMM-MD5-$name=$(md5sum < "$disk" | cut -d' ' -f1)"
        last=$name
    done
    if [ -n "$last" ] && [ "$(cat "/sys/block/$last/ro")" = 0 ]; then
        printf 'JVMM-WRITTEN' | dd of="/dev/$last" bs=512 seek=1 conv=notrunc 2>/dev/null && sync \
            && echo "JVMM-WROTE-$last"
    fi
    if [ -e /sys/class/misc/hw_random/rng_current ]; then
        echo "JVMM-HWRNG-CURRENT=$(cat /sys/class/misc/hw_random/rng_current)"
    fi
    if [ -c /dev/hwrng ] && [ "$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)" != none ]; then
        echo "JVMM-HWRNG=$(dd if=/dev/hwrng bs=16 count=1 2>/dev/null | od -An -tx1 | tr -d ' \n')"
    fi
    [ -c /dev/hvc0 ] && echo JVMM-HVC-HELLO > /dev/hvc0
    if [ -e /sys/class/net/eth0 ]; then
        ip link set eth0 up && ip addr add 192.0.2.2/24 dev eth0
        ping -c 3 -W 1 192.0.2.1 > /dev/null 2>&1
        s=/sys/class/net/eth0
        echo "JVMM-NET=eth0 mac=$(cat $s/address) carrier=$(cat $s/carrier) tx=$(cat $s/statistics/tx_packets) rx=$(cat $s/statistics/rx_packets)"
    fi
    echo "JVMM-VIRTIO-DONE"
}

virtio_pci_function() {
    for d in /sys/bus/pci/devices/*; do
        [ "$(cat "$d/vendor" 2>/dev/null)" = 0x1af4 ] && { echo "${d##*/}"; return 0; }
    done
    return 1
}

# Seconds since boot with centiseconds, from /proc/uptime.
now() {
    read -r t _ < /proc/uptime
    echo "$t"
}

# Runs dd with the arguments given and prints "SECONDS s MB/s MB/s" for 64 MiB (busybox dd prints
# no rate); the time is the guest's clock.
timed_dd() {
    t0=$(now)
    dd "$@" 2> /dev/null
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { d = b - a; if (d <= 0) d = 0.01; printf "%.2f s %.1f MB/s", d, 64 / d }'
}

dd_bench() {
    for disk in /dev/vd? /dev/nvme0n?; do
        [ -b "$disk" ] || continue
        name=${disk#/dev/}
        echo "JVMM-DD-READ-$name=$(timed_dd if="$disk" of=/dev/null bs=1M count=64)"
        echo "JVMM-DD-WRITE-$name=$(timed_dd if=/dev/zero of="$disk" bs=1M count=64 conv=fsync)"
    done
    echo "JVMM-DD-DONE"
}

# Mounts the share tagged jvmm with file system $1 (9p or virtiofs) and reports as JVMM-$2-...
report_fs() {
    load_modules demand
    mkdir -p /mnt
    if [ "$1" = 9p ]; then
        mount -t 9p -o trans=virtio,version=9p2000.L jvmm /mnt || { echo "JVMM-$2-MOUNT-FAILED"; return; }
    else
        mount -t virtiofs jvmm /mnt || { echo "JVMM-$2-MOUNT-FAILED"; return; }
    fi
    echo "JVMM-$2-LS=$(ls /mnt | tr '\n' ' ')"
    echo "JVMM-$2-CAT=$(cat /mnt/hello.txt)"
    echo "written by the guest" > /mnt/guest.txt && sync && echo "JVMM-$2-WROTE"
    echo "JVMM-$2-ESCAPE=$(ls /mnt/link-out 2>&1 | head -1)"
    umount /mnt
}

write_and_sync() {
    last=""
    for disk in /dev/vd? /dev/nvme0n?; do
        [ -b "$disk" ] && last=$disk
    done
    [ -n "$last" ] || { echo "JVMM-NO-DISK"; return; }
    printf 'JVMM-SYNCED-DATA' | dd of="$last" bs=512 seek=8 conv=notrunc 2>/dev/null
    sync
    echo "JVMM-SYNCED ${last#/dev/}"
}

watch_hotplug() {
    echo "JVMM-HOTPLUG-READY"
    tries=0
    while ! bdf=$(virtio_pci_function); do
        tries=$((tries + 1)); [ $tries -lt 1500 ] || { echo "JVMM-HOTPLUG-TIMEOUT"; return; }
        sleep 0.2
    done
    echo "JVMM-HOTPLUG-ADDED=$bdf"
    tries=0
    while [ -e "/sys/bus/pci/devices/$bdf" ]; do
        tries=$((tries + 1)); [ $tries -lt 1500 ] || { echo "JVMM-HOTPLUG-TIMEOUT"; return; }
        sleep 0.2
    done
    echo "JVMM-HOTPLUG-REMOVED=$bdf"
}

# Prints the bdf of the first PCI function 1234:11e8 (the example edu device); fails if none.
edu_function() {
    for dev in /sys/bus/pci/devices/*; do
        if [ "$(cat "$dev/vendor" 2>/dev/null)" = 0x1234 ] && [ "$(cat "$dev/device" 2>/dev/null)" = 0x11e8 ]; then
            echo "${dev##*/}"
            return 0
        fi
    done
    return 1
}

run_edu() {
    echo "JVMM-EDU-READY"
    tries=0
    while ! bdf=$(edu_function); do
        tries=$((tries + 1)); [ $tries -lt 1500 ] || { echo "JVMM-EDU-TIMEOUT"; return; }
        sleep 0.2
    done
    echo "JVMM-EDU-FOUND=$bdf"
    if [ -x /bin/jvmm-edu ]; then
        jvmm-edu "/sys/bus/pci/devices/$bdf" || echo "JVMM-EDU-FAILED status=$?"
    else
        echo "JVMM-EDU-FAIL=the initramfs has no /bin/jvmm-edu (no gcc when it was built)"
    fi
    echo "JVMM-EDU-DONE"
    tries=0
    while [ -e "/sys/bus/pci/devices/$bdf" ]; do
        tries=$((tries + 1)); [ $tries -lt 1500 ] || { echo "JVMM-EDU-TIMEOUT"; return; }
        sleep 0.2
    done
    echo "JVMM-EDU-REMOVED=$bdf"
}

case $action in
    poweroff)
        power_off
        ;;
    cpuinfo)
        grep '^processor' /proc/cpuinfo
        echo "JVMM-CPUS=$(grep -c '^processor' /proc/cpuinfo)"
        power_off
        ;;
    nvmens)
        echo "JVMM-NVME-READY"
        tries=0
        while [ ! -b /dev/nvme0n2 ] && [ $tries -lt 1500 ]; do
            tries=$((tries + 1))
            sleep 0.2
        done
        if [ -b /dev/nvme0n2 ]; then
            echo "JVMM-NVME-ADDED=$(md5sum < /dev/nvme0n2 | cut -d' ' -f1)"
        else
            echo "JVMM-NVME-TIMEOUT"
        fi
        power_off
        ;;
    vsock)
        echo "JVMM-VSOCK-REPLY=$(jvmm-vsock 2 5000 hello-from-the-guest 2>&1)"
        power_off
        ;;
    pmem)
        load_modules demand
        tries=0
        while [ ! -b /dev/pmem0 ] && [ $tries -lt 50 ]; do
            tries=$((tries + 1))
            sleep 0.1
        done
        if [ -b /dev/pmem0 ]; then
            echo "JVMM-PMEM=$(md5sum < /dev/pmem0 | cut -d' ' -f1)"
        else
            echo "JVMM-PMEM=none"
        fi
        power_off
        ;;
    ddbench)
        dd_bench
        power_off
        ;;
    fs)
        report_fs 9p 9P
        power_off
        ;;
    virtiofs)
        report_fs virtiofs VIRTIOFS
        power_off
        ;;
    writesync)
        write_and_sync
        sleep 600
        power_off
        ;;
    hotplug)
        watch_hotplug
        power_off
        ;;
    virtio)
        report_virtio
        power_off
        ;;
    edu)
        run_edu
        power_off
        ;;
    count)
        n=$(sed -n 's/.*jvmm\.count=\([0-9]*\).*/\1/p' /proc/cmdline)
        i=1
        while [ "$i" -le "${n:-12}" ]; do
            md5sum /bin/busybox > /dev/null
            if [ -b /dev/vda ]; then
                echo "JVMM-COUNT=$i vda=$(md5sum < /dev/vda | cut -d' ' -f1)"
            else
                echo "JVMM-COUNT=$i"
            fi
            i=$((i + 1))
        done
        echo JVMM-COUNT-DONE
        power_off
        ;;
    fpucheck)
        if [ -x /bin/jvmm-fpucheck ]; then
            /bin/jvmm-fpucheck 3 100
        else
            echo "JVMM-FPUCHECK=missing (the initramfs was built without gcc)"
        fi
        power_off
        ;;
    shell) ;;
    *)
        echo "jvmm-init: unknown jvmm.action=$action, starting a shell"
        ;;
esac

hostname jvmm
export PS1='jvmm:\w# '
echo "jvmm-init: a shell on the console; 'poweroff -f' or 'exit' powers the guest off"
if command -v cttyhack > /dev/null; then
    setsid cttyhack sh
else
    sh
fi
power_off
