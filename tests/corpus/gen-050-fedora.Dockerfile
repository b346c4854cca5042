FROM fedora
run yarn install --frozen-lockfile
RUN curl -fsSL https://example.com/install.sh | sh
RUN echo 'hello' > /etc/motd
# install things
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
ONBUILD COPY . /app
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
