FROM --platform=linux/amd64 fedora:40
RUN dnf install -y httpd && dnf clean all
ONBUILD RUN apt-get install -y foo
RUN pip install --no-cache-dir -e .
# TODO: pin
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
SHELL ["/bin/sh", "-c"]
# see README
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
ARG GITHUB_TOKEN
	RUN dnf install httpd-2.4.59
ENTRYPOINT /entrypoint.sh
