FROM --platform=$BUILDPLATFORM ubuntu AS build
RUN groupadd -r app && useradd -r -g app app
# install things
USER 1000:1000
ARG   GITHUB_TOKEN
# TODO: pin
ENV DEBIAN_FRONTEND noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip && apt-get clean
RUN apt-get update && apt-get install -y curl
# install things
RUN apt-get -yq update && apt-get -yq install --no-install-recommends ./pkg.deb
# TODO: pin
	RUN yarn install --frozen-lockfile && yarn cache clean

FROM node:20-alpine
WORKDIR app
# TODO: pin
COPY --chown=app:app src/ /app/src/
RUN apk --update add tini && rm -rf /var/cache/apk/*
run apk update && apk add git
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && pip install --no-cache-dir cython==3.0.10 \
 && apk del .build-deps
RUN wget https://example.com/tool.tar.gz && tar -xzf tool.tar.gz
EXPOSE   80/tcp 443/tcp
RUN gem install bundler
# TODO: pin
RUN cd /usr/src && make install
COPY --from=build /out /app
ENTRYPOINT /entrypoint.sh
