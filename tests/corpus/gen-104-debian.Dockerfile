FROM centos:7.9.2009 AS build
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
RUN yum install httpd-2.4.6
ADD https://example.com/file.txt /tmp/
RUN npm install

FROM debian:latest
RUN gem install bundler
RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
    apt-get update && apt-get install -y --no-install-recommends jq
RUN pip install --no-cache-dir -e .
COPY --from=builder /out /app
CMD ["python", "app.py"]
