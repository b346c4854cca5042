FROM debian:bookworm-slim AS build
RUN pip install --no-cache-dir -e .
RUN   chmod +x /entrypoint.sh
# see README
RUN npm ci --omit=dev
RUN cd /usr/src && make install
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN ["/bin/sh", "-c", "echo exec form"]
EXPOSE 80/tcp 443/tcp
run curl -fsSL https://example.com/install.sh | sh
RUN apt-get install nginx

FROM centos:7.9.2009
EXPOSE 80/tcp 443/tcp
COPY . /app
	ENV DEBIAN_FRONTEND noninteractive
# see README
run mkdir -p /app
ENV   PIP_NO_CACHE_DIR=1
RUN dnf install httpd-2.4.59
EXPOSE 8080
RUN sudo chown -R app /app
COPY --from=builder /out /app
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
