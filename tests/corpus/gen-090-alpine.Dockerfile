FROM alpine:latest
RUN ["/bin/sh", "-c", "echo exec form"]
# TODO: pin
run npm install
# install things
USER 1000
RUN apk --update add tini && rm -rf /var/cache/apk/*
# hadolint would say something
run apk update && apk add git
# TODO: pin
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
CMD ["python", "app.py"]
