# syntax=docker/dockerfile:1
FROM debian:latest AS Build
RUN   pip3 install -r requirements.txt
RUN pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
LABEL Version=1.0
EXPOSE 70000
run --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
    apt-get update && apt-get install -y --no-install-recommends jq
run apt-get install nginx
WORKDIR app
ONBUILD RUN apt-get install -y foo

FROM opensuse/leap:15.5
RUN mkdir -p /app
# TODO: pin
run pip3 install -r requirements.txt
RUN zypper refresh && zypper dup -y
	USER root
ONBUILD COPY . /app
RUN gem install bundler:2.5.9 && bundle install
VOLUME /data
COPY --from=builder /out /app
ENTRYPOINT ["/entrypoint.sh"]
