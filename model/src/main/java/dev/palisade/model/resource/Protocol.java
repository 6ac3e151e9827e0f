package dev.palisade.model.resource;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Map;
import java.util.OptionalInt;

/**
 * A rule or port protocol as written: a name ({@code TCP}, case-sensitive in v3) or a number. Any text is
 * kept as written so that validation can name what is wrong; {@link #number()} resolves known names.
 */
public record Protocol(Integer literalNumber, String name) {

    private static final Map<String, Integer> NUMBERS = Map.of(
            "TCP", 6, "UDP", 17, "ICMP", 1, "ICMPv6", 58, "SCTP", 132, "UDPLite", 136);

    public static final Protocol TCP = new Protocol(null, "TCP");
    public static final Protocol UDP = new Protocol(null, "UDP");

    @JsonCreator
    public static Protocol of(Object value) {
        if (value instanceof Number n) {
            return new Protocol(n.intValue(), null);
        }
        String s = String.valueOf(value);
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() < 10) {
            return new Protocol(Integer.parseInt(s), null);
        }
        return new Protocol(null, s);
    }

    public static Protocol ofNumber(int number) {
        return new Protocol(number, null);
    }

    @JsonValue
    public Object json() {
        return name != null ? name : literalNumber;
    }

    public boolean isKnownName() {
        return name == null || NUMBERS.containsKey(name);
    }

    /** The IP protocol number, empty for an unknown name. */
    public OptionalInt number() {
        if (literalNumber != null) {
            return OptionalInt.of(literalNumber);
        }
        Integer n = NUMBERS.get(name);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** Only TCP, UDP and SCTP carry ports as far as Calico's validator is concerned. */
    public boolean supportsPorts() {
        OptionalInt n = number();
        return n.isPresent() && (n.getAsInt() == 6 || n.getAsInt() == 17 || n.getAsInt() == 132);
    }

    public boolean isIcmp() {
        return number().orElse(-1) == 1;
    }

    public boolean isIcmpV6() {
        return number().orElse(-1) == 58;
    }

    @Override
    public String toString() {
        return String.valueOf(json());
    }
}
