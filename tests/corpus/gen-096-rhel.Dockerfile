FROM --platform=linux/amd64 registry.access.redhat.com/ubi9/ubi:9.3
ADD vendor.tar.gz /opt/
RUN yum -y install epel-release && yum -y install nginx-1.20.1 && yum clean all
	RUN go get github.com/pkg/errors
# TODO: pin
RUN dnf install -y httpd && dnf clean all
RUN service nginx stop || true
# see README
COPY --chown=app:app src/ /app/src/
RUN yarn install --frozen-lockfile && yarn cache clean
WORKDIR app
RUN yum install -y httpd && yum clean all
RUN bash -c 'cd /tmp && ls'
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
