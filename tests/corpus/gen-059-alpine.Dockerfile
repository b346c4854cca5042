# syntax=docker/dockerfile:1
FROM --platform=$TARGETPLATFORM alpine:latest
# install things
ENV PIP_NO_CACHE_DIR=1
run --mount=type=cache,target=/var/cache/apk apk add --update python3
RUN wget https://example.com/tool.tar.gz && tar -xzf tool.tar.gz
RUN pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
# install things
USER 1000
ONBUILD RUN apt-get install -y foo
# install things
COPY package.json package-lock.json ./
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
