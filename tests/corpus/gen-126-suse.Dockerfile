# syntax=docker/dockerfile:1
FROM alpine AS Build
RUN yarn install --frozen-lockfile && yarn cache clean
RUN --mount=type=cache,target=/var/cache/apk apk add --update python3
COPY . /app
# install things
USER 1000

FROM --platform=linux/amd64 registry.suse.com/bci/bci-base:15.5
run npm install -g typescript@5.4.5 @angular/cli@17.3.0
RUN ps aux | grep nginx
RUN   zypper refresh && zypper dup -y
RUN pip3 install -r requirements.txt
RUN zypper --non-interactive install curl=8.0.1
RUN mkdir -p /app
ENV DB_PASSWORD=changeme
COPY --from=0 /out /app
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
