package org.jvmm.shell.impl;

/** Guest bytes shown 16 to a line: address, hex bytes, printable ASCII. */
public final class HexDump {
    private final long gpa;
    private final byte[] data;

    public HexDump(long gpa, byte[] data) {
        this.gpa = gpa;
        this.data = data.clone();
    }

    public long gpa() {
        return gpa;
    }

    public byte[] bytes() {
        return data.clone();
    }

    @Override
    public String toString() {
        if (data.length == 0) {
            return String.format("%016x: (no bytes)", gpa);
        }
        StringBuilder sb = new StringBuilder();
        for (int off = 0; off < data.length; off += 16) {
            if (off > 0) {
                sb.append('\n');
            }
            line(sb, off, Math.min(16, data.length - off));
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, int off, int n) {
        sb.append(String.format("%016x: ", gpa + off));
        for (int i = 0; i < 16; i++) {
            sb.append(i < n ? String.format("%02x ", data[off + i] & 0xFF) : "   ");
        }
        sb.append(' ').append('|');
        for (int i = 0; i < n; i++) {
            int c = data[off + i] & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        sb.append('|');
    }
}
