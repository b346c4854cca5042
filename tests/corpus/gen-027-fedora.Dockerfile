FROM buildpack-deps:bookworm AS deps
RUN for f in a b c; do touch /tmp/$f; done
RUN apt-get update && apt-get -y install -t bookworm-backports golang
# hadolint would say something
RUN ps aux | grep nginx
USER 1000
RUN apt update && apt install -y vim

FROM fedora:40
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
label Version=1.0
RUN export PATH=$PATH:/opt/bin && tool --version
RUN curl -fsSL https://example.com/install.sh | sh
# TODO: pin
	RUN npm install -g typescript
RUN dnf install -y httpd && dnf clean all
# see README
RUN yarn install --frozen-lockfile
RUN microdnf install -y shadow-utils && microdnf clean all
HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]
COPY --from=build /out /app
ENTRYPOINT ["/entrypoint.sh"]
