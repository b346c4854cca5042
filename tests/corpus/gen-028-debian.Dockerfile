FROM node:20.12.2-bookworm
run wget https://example.com/tool.tar.gz && tar -xzf tool.tar.gz
ARG VERSION=1.0
RUN DEBIAN_FRONTEND=noninteractive apt-get install -qq -o APT::Install-Recommends=false tzdata
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
RUN go get github.com/pkg/errors
ENTRYPOINT ["/entrypoint.sh"]
