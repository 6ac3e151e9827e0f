package dev.palisade.model.resource;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * A rule port: a single number, an inclusive range {@code "min:max"}, or a named port. Kept as written
 * (even out of range) so validation can report it; serialises back the way Calico does.
 */
public record Port(int min, int max, String name) {

    private static final Pattern RANGE = Pattern.compile("(\\d{1,9}):(\\d{1,9})");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

    public static Port single(int port) {
        return new Port(port, port, null);
    }

    public static Port range(int min, int max) {
        return new Port(min, max, null);
    }

    public static Port named(String name) {
        return new Port(0, 0, name);
    }

    @JsonCreator
    public static Port of(Object value) {
        if (value instanceof Number n) {
            return single(n.intValue());
        }
        String s = String.valueOf(value);
        if (NUMBER.matcher(s).matches()) {
            return single(Integer.parseInt(s));
        }
        var m = RANGE.matcher(s);
        if (m.matches()) {
            return range(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return named(s);
    }

    public boolean isNamed() {
        return name != null;
    }

    public boolean contains(int port) {
        return !isNamed() && port >= min && port <= max;
    }

    @JsonValue
    public Object json() {
        if (name != null) {
            return name;
        }
        return min == max ? (Object) min : min + ":" + max;
    }

    @Override
    public String toString() {
        return String.valueOf(json());
    }
}
