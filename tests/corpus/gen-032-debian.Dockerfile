ARG BASE_TAG=12.5
FROM debian:12.5
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
# install things
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
USER root
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
ADD https://example.com/file.txt /tmp/
RUN apt-get update && apt-get install -y curl
RUN npm install -g typescript@5.4.5 @angular/cli@17.3.0
RUN apt update && apt install -y vim
# install things
RUN pip install flask
CMD python app.py
