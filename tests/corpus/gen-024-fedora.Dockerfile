ARG BASE_TAG=12.5
FROM registry.fedoraproject.org/fedora-minimal:40
RUN go install golang.org/x/tools/gopls@latest
MAINTAINER Jane Doe <jane@example.com>
RUN microdnf install -y shadow-utils && microdnf clean all
RUN pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
# see README
RUN dnf install httpd-2.4.59
# TODO: pin
LABEL maintainer="dev@example.com"
run dnf install -y httpd && dnf clean all
CMD ["python", "app.py"]
