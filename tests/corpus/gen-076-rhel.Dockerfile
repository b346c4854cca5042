FROM --platform=$BUILDPLATFORM rockylinux:9
# hadolint would say something
COPY package.json package-lock.json ./
RUN dnf install httpd-2.4.59
ADD https://example.com/file.txt /tmp/
run yarn install --frozen-lockfile
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
CMD ["python", "app.py"]
