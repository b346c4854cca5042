FROM --platform=linux/amd64 registry.fedoraproject.org/fedora-minimal:40
# hadolint would say something
LABEL maintainer="dev@example.com"
ADD   https://example.com/file.txt /tmp/
RUN pip install git+https://github.com/psf/requests@v2.31.0
# TODO: pin
USER app
ENV PATH=/opt/bin:$PATH
# hadolint would say something
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
RUN microdnf install -y shadow-utils && microdnf clean all
ENTRYPOINT ["/entrypoint.sh"]
