package dev.palisade.ingest.core;

import dev.palisade.ingest.core.api.ApplyOutcome;
import dev.palisade.ingest.core.api.InvalidResourceException;
import dev.palisade.ingest.core.api.ReadOnlyResourceException;
import dev.palisade.ingest.core.api.ResourceService;
import dev.palisade.ingest.core.store.DatastoreException;
import dev.palisade.model.FieldError;
import dev.palisade.model.codec.DecodeException;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.validation.Validator;
import dev.palisade.testkit.fuzz.FuzzRun;
import dev.palisade.testkit.fuzz.InputMutator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 mutated resources (fixed seed) through everything a REST write does short of etcd: the YAML/JSON
 * codec, the validator and its selector parser, defaulting, built-in protection, and the apply stream. Each
 * must be accepted or refused with field errors; nothing may throw anything else. {@code bench/run faults}
 * runs more with any seed.
 */
class FuzzTest {

    static final long SEED = 17;
    static final int INPUTS = 10_000;

    @Test
    void mutatedResourcesAreAcceptedOrRefusedWithNamedFieldsNeverCrash() {
        ResourceCodec codec = new ResourceCodec();
        ResourceService service = new ResourceService(new InMemoryDatastore(), codec, new Validator()::validate,
                entry -> { }, Clock.systemUTC(), UUID::randomUUID);
        InputMutator mutator = InputMutator.fromDirectory(Path.of("../examples/seeds"));

        FuzzRun.Report report = FuzzRun.run(mutator, SEED, INPUTS, input -> {
            List<FieldError> errors = new ArrayList<>();
            try {
                service.create(codec.decodeSingle(input), "fuzz");
            } catch (DecodeException e) {
                errors.addAll(e.errors());
            } catch (InvalidResourceException e) {
                errors.addAll(e.errors());
            } catch (ReadOnlyResourceException | DatastoreException.AlreadyExists e) {
                errors.add(new FieldError("metadata.name", e.getMessage()));
            }
            try {
                for (ApplyOutcome outcome : service.applyAll(input, "fuzz")) {
                    if (outcome instanceof ApplyOutcome.Failed failed) {
                        assertThat(failed.status()).isBetween(400, 499);
                        errors.addAll(failed.errors());
                    }
                }
            } catch (DecodeException e) {
                errors.addAll(e.errors());
            }
            return errors;
        });

        System.out.printf("fuzz seed %d: %d inputs from %d seeds, %d accepted, %d refused, %d unnamed, %d crashes%n",
                report.seed(), report.inputs(), mutator.seedCount(), report.accepted(), report.refused(),
                report.unnamed(), report.crashes());
        assertThat(report.findings()).as("findings").isEmpty();
        assertThat(report.refused()).as("most mutations are refused").isGreaterThan(INPUTS / 2);
    }
}
