# The palisade CLI (validate, convert, eval-selector, simulate, and the REST client commands).
#   docker build -f deploy/docker/cli.Dockerfile -t palisade/cli:TAG .
#   docker run --rm -v $PWD:/work -w /work palisade/cli:TAG validate -f policy.yaml
ARG BASE_IMAGE=eclipse-temurin:25-jre
FROM ${BASE_IMAGE}
COPY cli/target/palisade-cli.jar /opt/palisade/palisade-cli.jar
HEALTHCHECK NONE
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "/opt/palisade/palisade-cli.jar"]
