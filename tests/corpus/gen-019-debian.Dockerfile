FROM debian:latest
run export PATH=$PATH:/opt/bin && tool --version
RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
    apt-get update && apt-get install -y --no-install-recommends jq
RUN   apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential \
      # the compiler toolchain
      git=1:2.39.2-1.1 \
      libpq-dev \
 && rm -rf /var/lib/apt/lists/*
ENV DB_PASSWORD=changeme
# install things
RUN apt-get install nginx
CMD ["python", "app.py"]
