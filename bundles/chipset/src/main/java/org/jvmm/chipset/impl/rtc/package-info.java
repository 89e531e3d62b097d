/**
 * MC146818 RTC and CMOS: {@code Mc146818} (time as an offset from VM time, registers A..D, flags),
 * {@code RtcEncoding} (BCD/binary, 12/24 h), {@code CmosMemorySize} (memory-size bytes), {@code RtcDevice}.
 */
package org.jvmm.chipset.impl.rtc;
