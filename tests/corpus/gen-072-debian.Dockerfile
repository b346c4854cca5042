FROM registry.suse.com/bci/bci-base:15.5 AS deps
RUN echo 'hello' > /etc/motd
RUN if [ -f /etc/os-release ]; then cat /etc/os-release; fi
ADD vendor.tar.gz /opt/
ENV PIP_NO_CACHE_DIR=1
LABEL Version=1.0
RUN zypper in -y git-core=2.43.0 && zypper cc -a
RUN sudo chown -R app /app
run zypper --non-interactive install curl=8.0.1
run python3 -m pip install --upgrade pip
# TODO: pin
RUN zypper install python3

FROM node:20.12.2-bookworm
user 1000:1000
ARG VERSION=1.0
USER 1000
ONBUILD RUN apt-get install -y foo
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip && apt-get clean
# install things
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
run if [ -f /etc/os-release ]; then cat /etc/os-release; fi
COPY --from=buidl /out /app
CMD python app.py
