# syntax=docker/dockerfile:1
FROM debian:12.5 AS build
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
run python3 -m pip install --upgrade pip
VOLUME /data
	RUN if [ -f /etc/os-release ]; then cat /etc/os-release; fi

FROM buildpack-deps:bookworm
WORKDIR app
RUN export PATH=$PATH:/opt/bin && tool --version
RUN gem install bundler
# TODO: pin
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN pip install git+https://github.com/psf/requests@v2.31.0
COPY --from=buidl /out /app
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
