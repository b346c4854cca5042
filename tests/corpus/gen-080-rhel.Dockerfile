FROM registry.access.redhat.com/ubi9/ubi:9.3
RUN npm install -g typescript
RUN yum install -y httpd && yum clean all
RUN for f in a b c; do touch /tmp/$f; done
ONBUILD COPY . /app
	RUN echo 'hello' > /etc/motd
ENV DEBIAN_FRONTEND noninteractive
run yum makecache && yum install -y --setopt=tsflags=nodocs python3
RUN   dnf install -y httpd && dnf clean all
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
