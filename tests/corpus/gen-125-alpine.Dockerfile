FROM --platform=$TARGETPLATFORM alpine:latest AS deps
COPY . /app
expose 8080
RUN apk add --no-cache curl
RUN gem install bundler
# hadolint would say something
RUN service nginx stop || true
RUN   apk upgrade --no-cache
VOLUME /data
RUN apk add --no-cache curl=8.5.0-r0 bash~5.2

FROM alpine:latest
RUN --mount=type=cache,target=/var/cache/apk apk add --update python3
SHELL ["/bin/sh", "-c"]
EXPOSE 80/tcp 443/tcp
RUN apk add --no-cache curl=8.5.0-r0 bash~5.2
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && pip install --no-cache-dir cython==3.0.10 \
 && apk del .build-deps
COPY --from=0 /out /app
CMD ["python", "app.py"]
