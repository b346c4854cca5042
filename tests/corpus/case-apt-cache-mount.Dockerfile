FROM debian:12.5 AS a
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends git=1:2.39.2-1.1
FROM a
RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends x=1
RUN apt-get update
FROM debian:12.5 AS unused
RUN apt-get update
FROM a
RUN echo done
