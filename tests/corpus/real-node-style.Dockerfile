# syntax=docker/dockerfile:1
ARG NODE_VERSION=20
FROM node:${NODE_VERSION}-alpine as deps
WORKDIR /usr/src/app
COPY package.json package-lock.json* ./
RUN npm ci --only=production && npm cache clean --force
RUN apk add --update python3 make g++\
   && rm -rf /var/cache/apk/*

FROM node:${NODE_VERSION}-alpine AS build
WORKDIR app
COPY --from=deps /usr/src/app/node_modules ./node_modules
COPY . .
RUN npm install -g pm2 typescript@5.4 && npm run build
RUN cd dist && ls -la

FROM nginx
LABEL maintainer="me@example.com"
MAINTAINER someone
COPY --from=build /app/dist /usr/share/nginx/html
COPY nginx.conf /etc/nginx/conf.d/default.conf
ADD https://example.com/file.tar.gz /tmp/
ADD local.tar.gz /opt/
ADD config.json /etc/app/
RUN apt-get update && apt-get install curl wget -y
RUN apt update && apt install -y vim
RUN sudo chown -R nginx /usr/share/nginx/html
RUN curl -sL https://deb.nodesource.com/setup_20.x | bash -
EXPOSE 80/tcp 443
HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1
HEALTHCHECK CMD wget -q localhost
USER root
ENTRYPOINT nginx -g "daemon off;"
CMD ["nginx"]
