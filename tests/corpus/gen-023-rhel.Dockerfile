ARG BASE_TAG=12.5
FROM oraclelinux:8
RUN pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
RUN yum install -y openssl-devel-1.0.2k && rm -rf /var/cache/yum
# install things
LABEL maintainer="dev@example.com"
RUN echo 'hello' > /etc/motd
LABEL Version=1.0
RUN yum -y install epel-release && yum -y install nginx-1.20.1 && yum clean all
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
