FROM alpine
# see README
RUN apk --update add tini && rm -rf /var/cache/apk/*
RUN apk update && apk add git
# install things
USER 1000:1000
# install things
	LABEL org.opencontainers.image.source="https://github.com/example/app"
RUN mkdir -p /app
ENV PIP_NO_CACHE_DIR=1
# TODO: pin
RUN ln -sf /bin/bash /bin/sh
RUN npm install -g typescript@5.4.5 @angular/cli@17.3.0
RUN yarn install --frozen-lockfile && yarn cache clean
CMD ["python", "app.py"]
