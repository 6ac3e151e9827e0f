package dev.palisade.model.net;

/** IPv4 or IPv6; rules, CIDRs and packets of one family never match those of the other. */
public enum IpFamily {
    V4(4, 32),
    V6(6, 128);

    private final int version;
    private final int bits;

    IpFamily(int version, int bits) {
        this.version = version;
        this.bits = bits;
    }

    /** 4 or 6, as Calico's {@code ipVersion} fields spell it. */
    public int version() {
        return version;
    }

    public int bits() {
        return bits;
    }
}
