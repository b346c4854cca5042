FROM --platform=linux/amd64 opensuse/tumbleweed
RUN zypper install python3
# see README
LABEL org.opencontainers.image.source="https://github.com/example/app"
copy package.json package-lock.json ./
RUN   zypper --non-interactive install curl=8.0.1
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
