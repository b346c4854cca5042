FROM buildpack-deps:bookworm AS Build
ADD vendor.tar.gz /opt/
onbuild COPY . /app
RUN   apt-get update && apt-get install -y curl
# TODO: pin
ADD   https://example.com/file.txt /tmp/
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential \
      # the compiler toolchain
      git=1:2.39.2-1.1 \
      libpq-dev \
 && rm -rf /var/lib/apt/lists/*

FROM node:20.12.2-bookworm
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
RUN apt-get update && apt-get install -y curl
RUN apt-get -yq update && apt-get -yq install --no-install-recommends ./pkg.deb
ADD vendor.tar.gz /opt/
RUN mkdir -p /app
USER app
COPY --from=build /out /app
ENTRYPOINT /entrypoint.sh
