# syntax=docker/dockerfile:1
#
# Warden as a container image: built with Maven on a JDK, run on a JRE as a non-root user.
#
#   docker build -t warden .
#   docker run --read-only --tmpfs /tmp -v warden-data:/var/lib/warden --stop-timeout 40 \
#     -p 8080:8080 -p 127.0.0.1:9090:9090 \
#     -e WARDEN_ADMIN_TOKEN=... -e WARDEN_UPSTREAM_URL=http://backend:8000 warden
#
# docs/operations.md ("Docker") explains each of these. scripts/check-dockerfile.sh checks this
# file's rules (pinned images, non-root USER, EXPOSE equal to the configured ports, HEALTHCHECK,
# exec-form ENTRYPOINT) in the test suite.

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The dependency cache survives between builds; only the jar's modules are built.
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -DskipTests -pl proxy-core -am package

FROM eclipse-temurin:17.0.17_10-jre-noble
# A fixed numeric id (above the base image's own users) so orchestrators can check runAsNonRoot.
RUN groupadd --system --gid 10001 warden \
 && useradd --system --uid 10001 --gid warden --home-dir /var/lib/warden --no-create-home \
      --shell /usr/sbin/nologin warden \
 && install -d -o warden -g warden -m 0750 /var/lib/warden
COPY --from=build /src/proxy-core/target/warden.jar /opt/warden/warden.jar
COPY conf/docker/warden.yaml /etc/warden/warden.yaml
COPY --chmod=0755 conf/docker/healthcheck.sh /opt/warden/healthcheck.sh

# The JVM settings of scripts/run.sh (a small fixed heap, resident size under 256 MB); the java
# launcher reads JDK_JAVA_OPTIONS, so `docker run -e JDK_JAVA_OPTIONS=...` replaces them.
# Netty unpacks its native epoll library into the data volume rather than /tmp, which a
# read-only container mounts noexec; without it Warden falls back to the slower NIO transport.
ENV JDK_JAVA_OPTIONS="-XX:+UseSerialGC -Xms96m -Xmx96m -Xmn64m -XX:MaxDirectMemorySize=64m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+ExitOnOutOfMemoryError -Dio.netty.native.workdir=/var/lib/warden"

USER 10001:10001
WORKDIR /var/lib/warden
VOLUME ["/var/lib/warden"]
# listen.http and admin.listen of the configuration above.
EXPOSE 8080 9090
# SIGTERM drains: stop accepting, health 503, requests in flight finish (server.drainTimeout,
# 30s), then exit. Give the container longer than that to stop (--stop-timeout 40).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ["/opt/warden/healthcheck.sh"]
# Exec form: java is PID 1 and receives SIGTERM itself.
ENTRYPOINT ["java", "-jar", "/opt/warden/warden.jar"]
CMD ["--config", "/etc/warden/warden.yaml"]
