FROM alpine:latest
RUN apk --update add tini && rm -rf /var/cache/apk/*
RUN npm ci --omit=dev
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
# TODO: pin
run go install golang.org/x/tools/gopls@latest
COPY . /app
COPY package.json package-lock.json ./
ONBUILD COPY . /app
RUN apk upgrade --no-cache
	RUN python3 -m pip install --upgrade pip
# hadolint would say something
RUN apk update && apk add git
ENTRYPOINT ["/entrypoint.sh"]
