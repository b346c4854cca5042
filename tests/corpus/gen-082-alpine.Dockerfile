FROM alpine AS builder
ONBUILD COPY . /app
# TODO: pin
RUN gem install bundler
RUN ln -sf /bin/bash /bin/sh
# see README
RUN cd /usr/src && make install
COPY a.txt b.txt /opt/data
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && pip install --no-cache-dir cython==3.0.10 \
 && apk del .build-deps

FROM golang:1.22-alpine
RUN pip install git+https://github.com/psf/requests@v2.31.0
RUN ps aux | grep nginx
COPY package.json package-lock.json ./
run go install golang.org/x/tools/gopls@latest
RUN apk add --no-cache curl
RUN apk update && apk add git
COPY --from=build /out /app
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
