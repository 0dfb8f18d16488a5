# Build stage: the wrapper fetches Maven; tests run in CI, not here.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

# Run stage: a JRE, a non-root user, data in a volume.
FROM eclipse-temurin:21-jre
RUN useradd --system --home-dir /app --shell /usr/sbin/nologin dingbot \
    && mkdir -p /app/data && chown -R dingbot /app
WORKDIR /app
COPY --from=build /src/app-standalone/target/dingbot.jar /app/dingbot.jar
COPY --from=build /src/config.example.yml /app/config.yml
COPY --from=build /src/prompt.yml /app/prompt.yml
USER dingbot
VOLUME ["/app/data"]
EXPOSE 8090
ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-jar", "/app/dingbot.jar"]
CMD ["run", "--config", "/app/config.yml", "--data-dir", "/app/data"]
