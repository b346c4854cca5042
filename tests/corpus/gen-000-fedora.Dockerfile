FROM opensuse/tumbleweed AS Build
COPY . .
RUN sudo chown -R app /app
RUN zypper --non-interactive install curl=8.0.1
run cd /usr/src && make install
RUN service nginx stop || true
# hadolint would say something
RUN gem install bundler
RUN zypper in -y git-core=2.43.0 && zypper cc -a
ONBUILD COPY . /app

FROM registry.fedoraproject.org/fedora-minimal:40
RUN yarn install --frozen-lockfile && yarn cache clean
RUN dnf install httpd-2.4.59
RUN yarn install --frozen-lockfile
RUN echo 'hello' > /etc/motd
RUN dnf install -y httpd && dnf clean all
RUN for f in a b c; do touch /tmp/$f; done
RUN sudo chown -R app /app
LABEL org.opencontainers.image.source="https://github.com/example/app"
COPY --from=buidl /out /app
CMD ["python", "app.py"]
