FROM alpine:3.19
COPY . /app
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
RUN npm ci --omit=dev
ADD vendor.tar.gz /opt/
RUN apk --update add tini && rm -rf /var/cache/apk/*
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
