# syntax=docker/dockerfile:1
FROM registry.fedoraproject.org/fedora-minimal:40
MAINTAINER Jane Doe <jane@example.com>
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
	ARG GITHUB_TOKEN
WORKDIR app
RUN npm ci --omit=dev
ENTRYPOINT ["/entrypoint.sh"]
