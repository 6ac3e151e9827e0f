package dev.palisade.testkit.fuzz;

import dev.palisade.model.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Feeds {@code count} mutated inputs (from one seed) to a target and sorts what happened: accepted, refused
 * with every error naming its field, refused with an unnamed error, or a crash (any other exception). A target
 * returns the field errors of a refusal (empty = accepted) and throws only for a crash.
 */
public final class FuzzRun {

    /** What the target did with one input. */
    @FunctionalInterface
    public interface Target {
        List<FieldError> apply(String input) throws Exception;
    }

    public record Finding(String problem, String input) {
        @Override
        public String toString() {
            String shown = input.length() > 400 ? input.substring(0, 400) + "…" : input;
            return problem + "\n--- input ---\n" + shown;
        }
    }

    public record Report(long seed, int inputs, int accepted, int refused, int unnamed, int crashes,
                         List<Finding> findings, double seconds) {
        public boolean clean() {
            return unnamed == 0 && crashes == 0;
        }
    }

    private static final int KEPT_FINDINGS = 5;

    private FuzzRun() {
    }

    public static Report run(InputMutator mutator, long seed, int count, Target target) {
        Random random = new Random(seed);
        int accepted = 0;
        int refused = 0;
        int unnamed = 0;
        int crashes = 0;
        List<Finding> findings = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String input = mutator.next(random);
            try {
                List<FieldError> errors = target.apply(input);
                if (errors.isEmpty()) {
                    accepted++;
                } else if (errors.stream().allMatch(e -> named(e) && !e.message().isBlank())) {
                    refused++;
                } else {
                    unnamed++;
                    keep(findings, new Finding("unnamed field in " + errors, input));
                }
            } catch (Throwable t) {
                crashes++;
                keep(findings, new Finding("crash: " + t, input));
            }
        }
        return new Report(seed, count, accepted, refused, unnamed, crashes, List.copyOf(findings),
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * A field is named by its path; a document that is no resource at all (not YAML, not a mapping, no kind)
     * has no field to name, and says so at the root with a message.
     */
    private static boolean named(FieldError error) {
        return error.path() != null;
    }

    private static void keep(List<Finding> findings, Finding finding) {
        if (findings.size() < KEPT_FINDINGS) {
            findings.add(finding);
        }
    }
}
