FROM registry.fedoraproject.org/fedora-minimal:40
# install things
RUN pip3 install -r requirements.txt
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
# see README
RUN ps aux | grep nginx
# install things
RUN   curl -fsSL https://example.com/install.sh | sh
RUN pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
label maintainer="dev@example.com"
RUN microdnf install -y shadow-utils && microdnf clean all
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
