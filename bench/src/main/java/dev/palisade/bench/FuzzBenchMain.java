package dev.palisade.bench;

import dev.palisade.model.codec.DecodeException;
import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.FieldError;
import dev.palisade.model.validation.Validator;
import dev.palisade.testkit.fuzz.FuzzRun;
import dev.palisade.testkit.fuzz.InputMutator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run faults}: a large fuzz run (default 100,000 inputs, any seed) through the codec (single
 * document and stream), the validator and its selector parser — the checks every write path (REST, CloudEvent
 * intake) runs first. The verify build runs 10,000 with a fixed seed (ingest FuzzTest, RestFuzzTest).
 * Arguments: [inputs] [seed]. Exit status 1 if anything crashed or refused without naming a field.
 */
public final class FuzzBenchMain {

    private FuzzBenchMain() {
    }

    public static void main(String[] args) {
        int inputs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        ResourceCodec codec = new ResourceCodec();
        Validator validator = new Validator();
        InputMutator mutator = InputMutator.fromDirectory(Path.of("examples/seeds"));

        FuzzRun.Report report = FuzzRun.run(mutator, seed, inputs, input -> {
            List<FieldError> errors = new ArrayList<>();
            try {
                errors.addAll(validator.validate(codec.decodeSingle(input)));
            } catch (DecodeException e) {
                errors.addAll(e.errors());
            }
            for (Decoded decoded : codec.decodeAll(input)) {
                switch (decoded) {
                    case Decoded.Failed failed -> errors.addAll(failed.errors());
                    case Decoded.Ok ok -> errors.addAll(validator.validate(ok.resource()));
                }
            }
            return errors;
        });
        report.findings().forEach(f -> System.err.println("FINDING " + f));
        System.out.println("RESULT " + String.format(Locale.ROOT,
                "{\"bench\":\"fuzz\",\"seed\":%d,\"inputs\":%d,\"seeds\":%d,\"accepted\":%d,"
                        + "\"refusedWithField\":%d,\"unnamed\":%d,\"crashes\":%d,\"inputsPerSecond\":%.0f,"
                        + "\"seconds\":%.1f,\"cores\":%d,\"loadAverage\":%.2f}",
                report.seed(), report.inputs(), mutator.seedCount(), report.accepted(), report.refused(),
                report.unnamed(), report.crashes(), report.inputs() / report.seconds(), report.seconds(),
                Runtime.getRuntime().availableProcessors(),
                Machine.loadAverage()));
        if (!report.clean()) {
            System.exit(1);
        }
    }
}
