FROM debian:bookworm-slim
RUN apt-get -yq update && apt-get -yq install --no-install-recommends ./pkg.deb
# hadolint would say something
ARG VERSION=1.0
EXPOSE 70000
stopsignal SIGTERM
# install things
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
SHELL ["/bin/sh", "-c"]
RUN   --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
    apt-get update && apt-get install -y --no-install-recommends jq
RUN pip3 install -r requirements.txt
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
