package dev.palisade.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * Writes a whole {@code order} as {@code 100}, not {@code 100.0}, as calicoctl (Go's float64) does, so an
 * export written back reads the same to a user and diffs clean. The value read back is the same double.
 */
final class WholeDoubles extends StdSerializer<Double> {

    /** Beyond 2^53 not every whole number is a double: written as a double, exactly as it is. */
    private static final double EXACT_LONGS = 0x1p53;

    WholeDoubles() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        double d = value;
        if (d == Math.rint(d) && Math.abs(d) < EXACT_LONGS && !(d == 0 && 1 / d < 0)) {
            gen.writeNumber((long) d);
        } else {
            gen.writeNumber(d);
        }
    }
}
