FROM node:20.12.2-bookworm AS builder
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# hadolint would say something
USER 1000
# hadolint would say something
RUN apt-get update && apt-get install -y curl
RUN   apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
RUN apt update && apt install -y vim
ENV DB_PASSWORD=changeme
RUN ln -sf /bin/bash /bin/sh

FROM opensuse/tumbleweed
RUN zypper install -y curl && zypper clean
WORKDIR app
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
	COPY package.json package-lock.json ./
ENV PATH=/opt/bin:$PATH
EXPOSE 70000
RUN zypper --non-interactive install curl=8.0.1
RUN ps aux | grep nginx
RUN yarn install --frozen-lockfile && yarn cache clean
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
