package dev.palisade.testkit;

import org.apache.kafka.common.acl.AclOperation;

/**
 * The least-privilege Kafka ACLs of docs/operations.md ("Securing a production install"), one method per
 * service, granted on a {@link KafkaBroker#startWithScram} broker. Tests grant these and nothing more, so a
 * service that needs another right fails its test and the table must say why.
 */
public final class ServiceAcls {

    private ServiceAcls() {
    }

    public static void ingest(KafkaBroker kafka, String user) {
        kafka.allowTopic(user, "palisade.resources", AclOperation.CREATE, AclOperation.WRITE);
        kafka.allowTopic(user, "palisade.ingest", AclOperation.CREATE, AclOperation.READ);
        kafka.allowTopic(user, "palisade.ingest.dlq", AclOperation.CREATE, AclOperation.WRITE);
        kafka.allowTopic(user, "palisade.status", AclOperation.READ);
        kafka.allowGroup(user, "palisade-ingest-service");
        kafka.allowGroup(user, "palisade-ingest-service-status");
    }

    public static void calculator(KafkaBroker kafka, String user) {
        kafka.allowTopic(user, "palisade.resources", AclOperation.CREATE, AclOperation.READ);
        kafka.allowTopic(user, "palisade.dataplane", AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE);
    }

    public static void driver(KafkaBroker kafka, String user) {
        kafka.allowTopic(user, "palisade.dataplane", AclOperation.READ);
        kafka.allowTopic(user, "palisade.status", AclOperation.WRITE);
    }

    public static void hepController(KafkaBroker kafka, String user) {
        kafka.allowTopic(user, "palisade.resources", AclOperation.READ);
    }

    /** A CloudEvent producer of the intake topic. */
    public static void intakeProducer(KafkaBroker kafka, String user) {
        kafka.allowTopic(user, "palisade.ingest", AclOperation.WRITE);
    }
}
