# syntax=docker/dockerfile:1
FROM opensuse/leap:15.5
run export PATH=$PATH:/opt/bin && tool --version
LABEL org.opencontainers.image.source="https://github.com/example/app"
RUN   zypper in -y git-core=2.43.0 && zypper cc -a
COPY   . .
# see README
RUN zypper refresh && zypper dup -y
EXPOSE 8080
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
