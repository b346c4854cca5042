FROM --platform=linux/amd64 fedora:40 AS builder
RUN npm install
COPY package.json package-lock.json ./
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
# hadolint would say something
ADD app.py /app/
RUN dnf install -y httpd && dnf clean all
run dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
WORKDIR app
env PIP_NO_CACHE_DIR=1
ARG GITHUB_TOKEN

FROM fedora
LABEL Version=1.0
RUN   curl -fsSL https://example.com/install.sh | sh
RUN if [ -f /etc/os-release ]; then cat /etc/os-release; fi
user app
workdir /app
RUN   dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
SHELL ["/bin/sh", "-c"]
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
COPY --from=0 /out /app
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
