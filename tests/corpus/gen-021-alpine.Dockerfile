FROM python:3.12-alpine AS Build
run pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
RUN pip install flask
# see README
env APP_HOME=/app APP_LOG=$APP_HOME/log
RUN   apk --update add tini && rm -rf /var/cache/apk/*
expose 80/tcp 443/tcp
RUN npm ci --omit=dev
	RUN for f in a b c; do touch /tmp/$f; done

FROM node:20-alpine
RUN apk add --no-cache curl
RUN mkdir -p /app
RUN npm install
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
COPY --from=buidl /out /app
ENTRYPOINT ["/entrypoint.sh"]
