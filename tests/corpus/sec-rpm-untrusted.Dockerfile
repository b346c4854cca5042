FROM registry.access.redhat.com/ubi9/ubi:9.4

RUN yum install -y --nogpgcheck \
        https://dl.example.com/vendor-agent-2.1.0.x86_64.rpm \
    && yum clean all

RUN curl -fsSLo /tmp/legacy.rpm https://dl.example.com/legacy-1.0.rpm \
    && rpm -ivh --nodigest --nosignature /tmp/legacy.rpm \
    && rm -f /tmp/legacy.rpm

RUN apk --version || true

USER 1001
