ARG BASE_TAG=12.5
FROM rockylinux:9 AS builder
# TODO: pin
RUN dnf install httpd-2.4.59
RUN bash -c 'cd /tmp && ls'
COPY --chown=app:app src/ /app/src/
run yum install httpd-2.4.6
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
LABEL org.opencontainers.image.source="https://github.com/example/app"
HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]

FROM opensuse/leap:15.5
ARG VERSION=1.0
# hadolint would say something
RUN   zypper install -y curl && zypper clean
USER 1000:1000
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
RUN useradd -u 1000001 appuser
RUN sudo chown -R app /app
COPY --from=0 /out /app
CMD ["python", "app.py"]
