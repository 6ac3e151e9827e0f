/**
 * Real servers and network namespaces for tests; nothing here stands in for them.
 *
 * <p>Plain JUnit: {@code @ExtendWith(KafkaBrokerExtension.class)} (or {@code EtcdExtension},
 * {@code PostgresExtension}) and take a {@link dev.palisade.testkit.KafkaBroker} parameter; one instance
 * serves the whole test JVM. Quarkus: {@code @WithTestResource(value = KafkaTestResource.class,
 * scope = TestResourceScope.GLOBAL, parallel = true)} (also {@code EtcdTestResource},
 * {@code PostgresTestResource}) with {@code quarkus.devservices.enabled=false}.
 *
 * <p>A module whose tests need the broker declares {@code palisade-kafka-dist} (type {@code pom}, scope
 * {@code test}, exclusions {@code *:*}) so the reactor builds the broker jars first; the parent pom hands
 * their location to surefire as {@code palisade.kafka.lib}. Servers keep data and logs under the
 * module's {@code target/testkit/}; a start failure reports the server's log.
 */
package dev.palisade.testkit;
