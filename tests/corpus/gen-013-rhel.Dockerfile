FROM rockylinux:9
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# see README
RUN npm install
# see README
RUN yum install -y openssl-devel-1.0.2k && rm -rf /var/cache/yum
RUN yum -y install epel-release && yum -y install nginx-1.20.1 && yum clean all
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
RUN chmod +x /entrypoint.sh
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
