FROM fedora AS build
ADD vendor.tar.gz /opt/
# install things
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
RUN pip install flask
RUN wget https://example.com/tool.tar.gz && tar -xzf tool.tar.gz
RUN dnf install httpd-2.4.59
LABEL maintainer="dev@example.com"
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
RUN sudo chown -R app /app

FROM registry.fedoraproject.org/fedora-minimal:40
RUN   dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
USER app
RUN yarn install --frozen-lockfile
env DEBIAN_FRONTEND noninteractive
USER root
RUN python3 -m pip install --upgrade pip
EXPOSE 8080
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
CMD ["python", "app.py"]
