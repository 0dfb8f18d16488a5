# Build stage: the wrapper fetches Maven; tests run in CI, not here.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

# Run stage: a JRE, a non-root user, data in a volume. The user gets uid 1000, the first user of most hosts, so a
# bind-mounted config.yml that user wrote (0600) is readable in the container; the Ubuntu base's own uid-1000 user
# goes.
FROM eclipse-temurin:21-jre
RUN (userdel --remove ubuntu 2>/dev/null || true) \
    && useradd --system --uid 1000 --home-dir /app --shell /usr/sbin/nologin dingbot \
    && mkdir -p /app/data && chown -R dingbot:dingbot /app && chmod 700 /app/data
WORKDIR /app
COPY --from=build /src/app-standalone/target/dingbot.jar /app/dingbot.jar
COPY --from=build /src/config.example.yml /app/config.yml
COPY deploy/docker-entrypoint.sh /app/docker-entrypoint.sh
# Chinese in logs, replies and environment values needs a UTF-8 locale; the JVM is sized by the container's
# memory limit, at most 512 MB (the serial collector grows its old generation before it collects it, so without a
# limit a burst of answers would take three quarters of the host's memory), and exits on OutOfMemoryError, so the
# restart policy brings back a healthy process. Chosen by
# measurement (docs/BENCHMARKS.md, P1 and P4): the serial collector with a small start heap (the default is 1/64
# of the host's memory) keeps idle RSS about a third lower than G1 on 1-2 cores; only the first JIT tier (C1), since
# the bot mostly waits on the network and the second tier's compiling cost more CPU than its faster code saved;
# and the class-data archive, written at the first clean stop into the data volume, cuts the CPU of later starts.
ENV LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    JAVA_OPTS="-XX:+UseSerialGC -Xms16m -XX:MaxRAMPercentage=75 -XX:ErgoHeapSizeLimit=512m -XX:TieredStopAtLevel=1 -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=/app/data/dingbot.jsa -XX:+ExitOnOutOfMemoryError"
VOLUME ["/app/data"]
EXPOSE 8090
# Ready means: model settings loaded, storage writable, every DingTalk app connected (see /readyz).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT:-8090} && printf "GET /readyz HTTP/1.0\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
# Starts as root only to hand the data dir to the dingbot user, then runs as that user.
ENTRYPOINT ["/app/docker-entrypoint.sh"]
CMD ["run", "--config", "/app/config.yml", "--data-dir", "/app/data"]
