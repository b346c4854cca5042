FROM ubuntu AS build
RUN yarn install --frozen-lockfile
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential \
      # the compiler toolchain
      git=1:2.39.2-1.1 \
      libpq-dev \
 && rm -rf /var/lib/apt/lists/*
	ENV DB_PASSWORD=changeme
run curl -fsSL https://example.com/install.sh | sh
RUN npm install -g typescript

FROM fedora:40
ADD app.py /app/
RUN cd /usr/src && make install
RUN if [ -f /etc/os-release ]; then cat /etc/os-release; fi
ENV DB_PASSWORD=changeme
RUN microdnf install -y shadow-utils && microdnf clean all
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
label maintainer="dev@example.com"
RUN dnf install httpd-2.4.59
STOPSIGNAL SIGTERM
COPY --from=buidl /out /app
ENTRYPOINT /entrypoint.sh
