# syntax=docker/dockerfile:1
FROM --platform=linux/amd64 fedora
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
EXPOSE 70000
RUN echo 'hello' > /etc/motd
LABEL   org.opencontainers.image.source="https://github.com/example/app"
# install things
COPY . .
CMD ["python", "app.py"]
