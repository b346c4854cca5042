FROM --platform=$BUILDPLATFORM amazonlinux:2023 AS build
# hadolint would say something
ADD   https://example.com/file.txt /tmp/
RUN pip install flask
run wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
	RUN npm install
MAINTAINER   Jane Doe <jane@example.com>
RUN yum groupinstall -y 'Development Tools' && yum clean all
RUN echo 'hello' > /etc/motd
RUN sudo chown -R app /app

FROM node:20.12.2-bookworm
RUN apt-get -yq update && apt-get -yq install --no-install-recommends ./pkg.deb
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip && apt-get clean
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
ONBUILD COPY . /app
RUN mkdir -p /app
COPY . .
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
ENTRYPOINT ["/entrypoint.sh"]
