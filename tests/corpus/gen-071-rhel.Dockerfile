FROM --platform=$TARGETPLATFORM alpine AS builder
	HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]
run apk --update add tini && rm -rf /var/cache/apk/*
VOLUME /data
# hadolint would say something
RUN python3 -m pip install --upgrade pip

FROM --platform=linux/amd64 centos:7.9.2009
STOPSIGNAL SIGTERM
COPY package.json package-lock.json ./
WORKDIR app
	RUN yum install -y openssl-devel-1.0.2k && rm -rf /var/cache/yum
RUN mkdir -p /app
RUN service nginx stop || true
WORKDIR /app
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
# TODO: pin
RUN yum -y install epel-release && yum -y install nginx-1.20.1 && yum clean all
RUN pip3 install -r requirements.txt
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
ENTRYPOINT ["/entrypoint.sh"]
