FROM --platform=$TARGETPLATFORM amazonlinux:2023 AS Build
USER 1000
	RUN yum install -y httpd && yum clean all
RUN service nginx stop || true
ENV PIP_NO_CACHE_DIR=1
RUN gem install bundler:2.5.9 && bundle install
RUN yum -y install epel-release && yum -y install nginx-1.20.1 && yum clean all
# hadolint would say something
ARG VERSION=1.0
env APP_HOME=/app APP_LOG=$APP_HOME/log

FROM debian:12.5
RUN apt-get -yq update && apt-get -yq install --no-install-recommends ./pkg.deb
# TODO: pin
COPY   package.json package-lock.json ./
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends gosu=1.14-1+b6; \
    rm -rf /var/lib/apt/lists/*; \
    gosu nobody true
run pip install flask
RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
    apt-get update && apt-get install -y --no-install-recommends jq
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
