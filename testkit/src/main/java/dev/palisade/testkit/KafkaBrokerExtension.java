package dev.palisade.testkit;

/** Gives tests a {@link KafkaBroker} parameter, one shared instance per JVM. */
public final class KafkaBrokerExtension extends SharedServerExtension<KafkaBroker> {

    public KafkaBrokerExtension() {
        super(KafkaBroker.class, KafkaBroker::start);
    }
}
