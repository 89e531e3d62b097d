#!/bin/sh
# /init of the jvmm test guests' initramfs (busybox sh, POSIX).
# Mounts proc, sysfs and devtmpfs; loads the modules named in /etc/jvmm/modules in order
# (failures are reported and ignored); prints the marker line
#   JVMM-INIT-OK nproc=N kernel=RELEASE arch=MACHINE uptime=SECONDS
# and then does what jvmm.action= on the kernel command line says:
#   poweroff  power off at once (poweroff -f)
#   cpuinfo   print the processor lines of /proc/cpuinfo, then power off
#   shell     (the default) a shell on the console; power off when it exits
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
export HOME=/root

mount -t proc proc /proc || echo "jvmm-init: cannot mount /proc"
mount -t sysfs sysfs /sys || echo "jvmm-init: cannot mount /sys"
mount -t devtmpfs devtmpfs /dev || echo "jvmm-init: cannot mount /dev"

if [ -f /etc/jvmm/modules ]; then
    while read -r module; do
        [ -n "$module" ] || continue
        insmod "/lib/modules/$module.ko" || echo "jvmm-init: could not load $module (ignored)"
    done < /etc/jvmm/modules
fi

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

case $action in
    poweroff)
        power_off
        ;;
    cpuinfo)
        grep '^processor' /proc/cpuinfo
        echo "JVMM-CPUS=$(grep -c '^processor' /proc/cpuinfo)"
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
