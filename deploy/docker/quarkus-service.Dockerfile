# A Quarkus service of Palisade (fast-jar layout). Build from the repository root after `./mvnw package`:
#   docker build -f deploy/docker/quarkus-service.Dockerfile --build-arg SERVICE=ingest-service \
#     -t palisade/ingest-service:TAG .
# SERVICE is ingest-service, policy-calculator or hep-controller; PORT its HTTP port.
ARG BASE_IMAGE=eclipse-temurin:25-jre
FROM ${BASE_IMAGE}
ARG SERVICE
ARG PORT=8080
WORKDIR /opt/palisade
# fast-jar: libraries first (change least), the application last
COPY ${SERVICE}/target/quarkus-app/lib/ lib/
COPY ${SERVICE}/target/quarkus-app/*.jar ./
COPY ${SERVICE}/target/quarkus-app/app/ app/
COPY ${SERVICE}/target/quarkus-app/quarkus/ quarkus/
COPY deploy/docker/http-ready /usr/local/bin/http-ready
ENV QUARKUS_HTTP_HOST=0.0.0.0 QUARKUS_HTTP_PORT=${PORT} \
    JAVA_OPTS="-XX:+UseSerialGC -XX:MaxRAMPercentage=50 -XX:TieredStopAtLevel=1"
EXPOSE ${PORT}
USER 65534:65534
HEALTHCHECK --interval=5s --timeout=3s --start-period=120s --retries=3 CMD ["http-ready", "/q/health/ready"]
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar /opt/palisade/quarkus-run.jar"]
