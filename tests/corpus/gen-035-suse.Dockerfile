ARG BASE_TAG=12.5
FROM alpine:latest AS deps
RUN --mount=type=cache,target=/var/cache/apk apk add --update python3
# see README
run pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
RUN gem install bundler
RUN apk --update add tini && rm -rf /var/cache/apk/*
ENV PATH=/opt/bin:$PATH
STOPSIGNAL   SIGTERM
RUN apk add --no-cache curl

FROM opensuse/tumbleweed
RUN   export PATH=$PATH:/opt/bin && tool --version
RUN zypper refresh && zypper dup -y
LABEL Version=1.0
RUN zypper install python3
COPY --from=builder /out /app
CMD python app.py
