#!/usr/bin/env bash
# Maps a guest profile written by hv-emu (-Djvmm.emu.profile=PREFIX, file PREFIX.vpN) to kernel
# symbols and prints the functions where the guest spent its time, most first.
#   scripts/bench/profile-symbols.sh PREFIX.vp0 System.map [TOP]
# Boot the guest with `nokaslr` so that the addresses match System.map (from the linux-image
# package: apt-get download linux-image-...; dpkg-deb -x ... to get boot/System.map-*).
set -euo pipefail
profile=${1:?profile file}; map=${2:?System.map}; top=${3:-40}
perl -e '
  use strict; use warnings; no warnings "portable";
  my ($map, $profile, $top) = @ARGV;
  my (@addr, @name);
  open(my $m, "<", $map) or die "$map: $!";
  while (<$m>) { my ($a, $t, $n) = split; next unless $t =~ /^[tTwW]$/; push @addr, [hex($a), $n]; }
  @addr = sort { $a->[0] <=> $b->[0] } @addr;
  open(my $p, "<", $profile) or die "$profile: $!";
  my ($header, $running, %by) = ("", 1);
  while (<$p>) {
    if (/^#/) { $header = $_; ($running) = /running (\d+)/; next; }
    my ($hexa, $n) = split; my $a = hex($hexa);
    my ($lo, $hi, $found) = (0, $#addr, -1);
    while ($lo <= $hi) { my $mid = int(($lo + $hi) / 2); if ($addr[$mid][0] <= $a) { $found = $mid; $lo = $mid + 1 } else { $hi = $mid - 1 } }
    my $sym = $a < 0x800000000000 ? "(user space)" : $found >= 0 ? $addr[$found][1] : sprintf("0x%x", $a);
    $by{$sym} += $n;
  }
  print $header;
  my $i = 0;
  for my $s (sort { $by{$b} <=> $by{$a} } keys %by) {
    last if $i++ >= $top;
    printf "%8d %5.1f%% %s\n", $by{$s}, 100 * $by{$s} / ($running || 1), $s;
  }' "$map" "$profile" "$top"
