ARG BASE_TAG=12.5
FROM fedora:40 AS Build
# TODO: pin
RUN pip install git+https://github.com/psf/requests@v2.31.0
RUN for f in a b c; do touch /tmp/$f; done
ENV   DEBIAN_FRONTEND noninteractive
run dnf install httpd-2.4.59

FROM registry.access.redhat.com/ubi9/ubi:9.3
RUN go get github.com/pkg/errors
RUN   microdnf install -y shadow-utils && microdnf clean all
RUN   echo 'hello' > /etc/motd
# install things
RUN   service nginx stop || true
RUN npm ci --omit=dev
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
