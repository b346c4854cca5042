ARG BASE_TAG=12.5
FROM opensuse/tumbleweed AS build
env PATH=/opt/bin:$PATH
RUN pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
RUN zypper --non-interactive install curl=8.0.1
RUN zypper in -y git-core=2.43.0 && zypper cc -a
RUN gem install bundler:2.5.9 && bundle install
RUN zypper install -y curl && zypper clean
RUN npm install

FROM alpine:latest
HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]
RUN --mount=type=cache,target=/var/cache/apk apk add --update python3
EXPOSE 70000
# hadolint would say something
run apk update && apk add git
RUN useradd -u 1000001 appuser
RUN   npm install
RUN cd /usr/src && make install
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
