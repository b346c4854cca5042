FROM registry.fedoraproject.org/fedora-minimal:40
RUN yarn install --frozen-lockfile
RUN go install golang.org/x/tools/gopls@latest
RUN microdnf install -y shadow-utils && microdnf clean all
STOPSIGNAL SIGTERM
RUN dnf install -y httpd && dnf clean all
RUN pip install git+https://github.com/psf/requests@v2.31.0
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
CMD ["python", "app.py"]
