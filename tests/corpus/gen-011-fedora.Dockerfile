FROM registry.fedoraproject.org/fedora-minimal:40
RUN useradd -l -u 1000001 appuser
# install things
COPY package.json package-lock.json ./
user root
RUN gem install bundler
RUN sudo chown -R app /app
LABEL org.opencontainers.image.source="https://github.com/example/app"
RUN dnf install httpd-2.4.59
ENTRYPOINT ["/entrypoint.sh"]
