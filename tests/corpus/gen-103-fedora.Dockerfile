FROM registry.fedoraproject.org/fedora-minimal:40
RUN go get github.com/pkg/errors
RUN dnf install httpd-2.4.59
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
RUN yarn install --frozen-lockfile
RUN dnf install -y httpd && dnf clean all
USER   1000
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
