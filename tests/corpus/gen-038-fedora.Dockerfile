FROM --platform=linux/amd64 registry.fedoraproject.org/fedora-minimal:40 AS deps
# install things
COPY a.txt b.txt /opt/data
RUN   dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
USER root
RUN yarn install --frozen-lockfile
USER 1000
RUN echo 'hello' > /etc/motd
	RUN microdnf install -y shadow-utils && microdnf clean all
ADD https://example.com/file.txt /tmp/
ARG GITHUB_TOKEN
run dnf install httpd-2.4.59

FROM fedora
RUN microdnf install -y shadow-utils && microdnf clean all
# hadolint would say something
	RUN python3 -m pip install --upgrade pip
HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]
COPY --from=builder /out /app
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
