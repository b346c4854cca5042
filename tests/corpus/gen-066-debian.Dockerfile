FROM debian:bookworm-slim
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
ENV PATH=/opt/bin:$PATH
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential \
      # the compiler toolchain
      git=1:2.39.2-1.1 \
      libpq-dev \
 && rm -rf /var/lib/apt/lists/*
RUN go get github.com/pkg/errors
ENV DB_PASSWORD=changeme
RUN npm ci --omit=dev
RUN apt-get -yq update && apt-get -yq install --no-install-recommends ./pkg.deb
label Version=1.0
CMD ["python", "app.py"]
