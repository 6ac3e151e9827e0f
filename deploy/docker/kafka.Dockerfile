# Apache Kafka (KRaft, broker and controller in one process) from the jars the kafka-dist module collects:
# a stand-in for the compose stack only; production points at an existing Kafka (see README).
ARG BASE_IMAGE=eclipse-temurin:25-jre
FROM ${BASE_IMAGE}
COPY kafka-dist/target/lib/ /opt/kafka/lib/
COPY deploy/docker/kafka-start /usr/local/bin/kafka-start
ENV KAFKA_HEAP_OPTS="-Xmx256m" KAFKA_DATA=/var/lib/kafka
VOLUME /var/lib/kafka
EXPOSE 9092 19092
# the broker opens its client port only once it has started (KRaft quorum included)
HEALTHCHECK --interval=2s --timeout=3s --start-period=60s --retries=5 \
  CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9092"]
ENTRYPOINT ["/usr/local/bin/kafka-start"]
