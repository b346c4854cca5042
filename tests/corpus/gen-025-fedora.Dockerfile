FROM --platform=linux/amd64 registry.access.redhat.com/ubi9/ubi:9.3 AS Build
RUN ln -sf /bin/bash /bin/sh
RUN dnf install -y httpd && dnf clean all
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1

FROM registry.fedoraproject.org/fedora-minimal:40
RUN pip install git+https://github.com/psf/requests@v2.31.0
RUN npm ci --omit=dev
# hadolint would say something
STOPSIGNAL SIGTERM
# hadolint would say something
SHELL ["/bin/sh", "-c"]
RUN go get github.com/pkg/errors
# TODO: pin
RUN dnf install -y httpd && dnf clean all
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
COPY --from=builder /out /app
CMD ["python", "app.py"]
