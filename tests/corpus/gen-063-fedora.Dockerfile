FROM debian:bookworm-slim AS Build
ADD https://example.com/file.txt /tmp/
COPY   a.txt b.txt /opt/data
# see README
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN go get github.com/pkg/errors
# TODO: pin
RUN apt-get install nginx
RUN echo 'hello' > /etc/motd
RUN npm install -g typescript@5.4.5 @angular/cli@17.3.0
RUN for f in a b c; do touch /tmp/$f; done
# install things
RUN DEBIAN_FRONTEND=noninteractive apt-get install -qq -o APT::Install-Recommends=false tzdata
RUN bash -c 'cd /tmp && ls'

FROM fedora
ADD vendor.tar.gz /opt/
# see README
RUN   dnf install -y httpd && dnf clean all
SHELL ["/bin/sh", "-c"]
# hadolint would say something
ARG GITHUB_TOKEN
RUN chmod +x /entrypoint.sh
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
