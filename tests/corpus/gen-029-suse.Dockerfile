# syntax=docker/dockerfile:1
FROM --platform=$BUILDPLATFORM opensuse/tumbleweed
RUN echo 'hello' > /etc/motd
RUN zypper install python3
	RUN zypper install -y curl && zypper clean
LABEL maintainer="dev@example.com"
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
