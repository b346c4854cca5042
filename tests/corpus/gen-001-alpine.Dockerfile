FROM node:20.12.2-bookworm AS Build
# install things
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN python3 -m pip install --upgrade pip
run pip install flask
RUN apt-get update && apt-get -y install -t bookworm-backports golang
LABEL org.opencontainers.image.source="https://github.com/example/app"
RUN DEBIAN_FRONTEND=noninteractive apt-get install -qq -o APT::Install-Recommends=false tzdata
EXPOSE 70000
# install things
ENV DEBIAN_FRONTEND noninteractive

FROM alpine:latest
run --mount=type=cache,target=/var/cache/apk apk add --update python3
VOLUME /data
	COPY package.json package-lock.json ./
RUN groupadd -r app && useradd -r -g app app
EXPOSE 80/tcp 443/tcp
COPY --from=buidl /out /app
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
