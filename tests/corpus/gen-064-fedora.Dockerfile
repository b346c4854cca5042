# syntax=docker/dockerfile:1
FROM fedora:40
# install things
LABEL maintainer="dev@example.com"
RUN dnf install httpd-2.4.59
EXPOSE 8080
RUN   dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
CMD ["python", "app.py"]
