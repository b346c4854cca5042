FROM --platform=$TARGETPLATFORM alpine:latest
RUN apk update && apk add git
ENV   DEBIAN_FRONTEND noninteractive
# see README
RUN apk add --no-cache curl
RUN --mount=type=cache,target=/var/cache/apk apk add --update python3
RUN bash -c 'cd /tmp && ls'
RUN pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
RUN yarn install --frozen-lockfile && yarn cache clean
CMD python app.py
