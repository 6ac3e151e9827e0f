package dev.palisade.model.semantics;

import dev.palisade.model.FieldError;
import dev.palisade.model.net.IpAddress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a packet from named text fields, the form both {@code --packet k=v,...} and a JSON line reduce to.
 * Every field is checked and every problem reported, so one bad line says all that is wrong with it.
 */
public final class PacketFields {

    public static final Set<String> NAMES = Set.of("node", "in", "out", "src", "dst", "proto", "srcPort", "dstPort",
            "icmpType", "icmpCode", "ct", "dnatTo");
    private static final Pattern INTERFACE = Pattern.compile("[a-zA-Z0-9_.-]{1,15}");
    private static final Map<String, Integer> PROTOCOLS = Map.of(
            "tcp", 6, "udp", 17, "icmp", 1, "icmpv6", 58, "sctp", 132, "udplite", 136);
    private static final Set<Integer> PORT_PROTOCOLS = Set.of(6, 17, 132, 136);

    private final Map<String, String> fields;
    private final List<FieldError> errors = new ArrayList<>();

    private PacketFields(Map<String, String> fields) {
        this.fields = fields;
    }

    /** @throws InvalidPacketException naming each field that is unknown, missing or malformed */
    public static Packet parse(Map<String, String> fields) {
        return new PacketFields(fields).packet();
    }

    /**
     * Reads {@code key=value,key=value,...}, the command-line form.
     *
     * @throws InvalidPacketException for a piece without {@code =}, a repeated key, or any field error
     */
    public static Packet parse(String assignments) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        String[] pieces = assignments.split(",", -1);
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i].trim();
            int eq = piece.indexOf('=');
            if (eq <= 0) {
                errors.add(new FieldError("", "item " + (i + 1) + " \"" + piece + "\" is not key=value"));
            } else if (fields.put(piece.substring(0, eq).trim(), piece.substring(eq + 1).trim()) != null) {
                errors.add(new FieldError(piece.substring(0, eq).trim(), "is given twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPacketException(errors);
        }
        return parse(fields);
    }

    private Packet packet() {
        fields.keySet().stream().filter(k -> !NAMES.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError(k, "unknown field; known fields are " + String.join(", ",
                        NAMES.stream().sorted().toList()))));
        String node = required("node");
        String in = iface("in");
        String out = iface("out");
        if (Packet.LOCAL.equals(in) && Packet.LOCAL.equals(out)) {
            errors.add(new FieldError("out", "a packet cannot both come from and go to a local process "
                    + "(host-to-itself traffic leaves and arrives through lo)"));
        }
        IpAddress src = address("src");
        IpAddress dst = address("dst");
        if (src != null && dst != null && src.family() != dst.family()) {
            errors.add(new FieldError("dst", "is not of the same IP family as src"));
        }
        Integer proto = protocol();
        Integer srcPort = port("srcPort", proto);
        Integer dstPort = port("dstPort", proto);
        Integer icmpType = icmp("icmpType", proto, 254);
        Integer icmpCode = icmp("icmpCode", proto, 255);
        if (icmpCode != null && icmpType == null) {
            errors.add(new FieldError("icmpCode", "requires icmpType"));
        }
        Packet.ConnState ct = connState();
        Packet.Destination dnat = dnatTo(src);
        if (!errors.isEmpty()) {
            throw new InvalidPacketException(errors);
        }
        return new Packet(node, in, out, src, dst, proto, srcPort, dstPort, icmpType, icmpCode, ct, dnat);
    }

    private String required(String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(name, "is required"));
            return null;
        }
        return value;
    }

    private String iface(String name) {
        String value = required(name);
        if (value != null && !Packet.LOCAL.equals(value) && !INTERFACE.matcher(value).matches()) {
            errors.add(new FieldError(name, "\"" + value + "\" is neither \"local\" nor an interface name "
                    + "(1-15 of a-z A-Z 0-9 _ . -)"));
        }
        return value;
    }

    private IpAddress address(String name) {
        String value = required(name);
        if (value == null) {
            return null;
        }
        var ip = IpAddress.parse(value);
        if (ip.isEmpty()) {
            errors.add(new FieldError(name, "\"" + value + "\" is not an IPv4 or IPv6 address"));
            return null;
        }
        return ip.get();
    }

    private Integer protocol() {
        String value = required("proto");
        if (value == null) {
            return null;
        }
        Integer named = PROTOCOLS.get(value.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        if (value.matches("\\d{1,3}") && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 255) {
            return Integer.parseInt(value);
        }
        errors.add(new FieldError("proto", "\"" + value + "\" is not a protocol: use TCP, UDP, ICMP, ICMPv6, SCTP, "
                + "UDPLite or a number 1-255"));
        return null;
    }

    private Integer number(String name, int min, int max) {
        String value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
            errors.add(new FieldError(name, "\"" + value + "\" is not a number from " + min + " to " + max));
            return null;
        }
        return Integer.parseInt(value);
    }

    private Integer port(String name, Integer proto) {
        Integer port = number(name, 1, 65535);
        if (port != null && proto != null && !PORT_PROTOCOLS.contains(proto)) {
            errors.add(new FieldError(name, "only TCP, UDP, SCTP and UDPLite packets carry ports"));
        }
        return port;
    }

    private Integer icmp(String name, Integer proto, int max) {
        Integer value = number(name, 0, max);
        if (value != null && proto != null && proto != 1 && proto != 58) {
            errors.add(new FieldError(name, "only ICMP and ICMPv6 packets carry " + name));
        }
        return value;
    }

    private Packet.ConnState connState() {
        String value = fields.get("ct");
        if (value == null) {
            return Packet.ConnState.NEW;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "new" -> Packet.ConnState.NEW;
            case "established", "related" -> Packet.ConnState.ESTABLISHED;
            case "invalid" -> Packet.ConnState.INVALID;
            default -> {
                errors.add(new FieldError("ct", "\"" + value + "\" is not new, established or invalid"));
                yield null;
            }
        };
    }

    /** {@code ip}, {@code ip:port} or {@code [ipv6]:port}. */
    private Packet.Destination dnatTo(IpAddress src) {
        String value = fields.get("dnatTo");
        if (value == null) {
            return null;
        }
        String host = value;
        String port = null;
        if (value.startsWith("[") && value.contains("]")) {
            host = value.substring(1, value.indexOf(']'));
            String rest = value.substring(value.indexOf(']') + 1);
            port = rest.startsWith(":") ? rest.substring(1) : rest.isEmpty() ? null : rest;
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            host = value.substring(0, value.indexOf(':'));
            port = value.substring(value.indexOf(':') + 1);
        }
        var ip = IpAddress.parse(host);
        Integer dnatPort = null;
        if (port != null) {
            dnatPort = port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535
                    ? Integer.parseInt(port) : null;
        }
        if (ip.isEmpty() || (port != null && dnatPort == null)) {
            errors.add(new FieldError("dnatTo", "\"" + value + "\" is not ip, ip:port or [ipv6]:port"));
            return null;
        }
        if (src != null && ip.get().family() != src.family()) {
            errors.add(new FieldError("dnatTo", "is not of the same IP family as src"));
        }
        return new Packet.Destination(ip.get(), dnatPort);
    }
}
