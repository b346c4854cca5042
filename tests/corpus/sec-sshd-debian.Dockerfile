# A "dev box" image in the style of many rastasheep/ubuntu-sshd forks.
FROM debian:12.5-slim

ENV DEBIAN_FRONTEND=noninteractive

RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
        # the daemon itself
        openssh-server \
        ca-certificates \
        curl \
    ; \
    mkdir -p /var/run/sshd; \
    echo 'root:root' | chpasswd; \
    sed -ri 's/^#?PermitRootLogin\s+.*/PermitRootLogin yes/' /etc/ssh/sshd_config; \
    rm -rf /var/lib/apt/lists/*

EXPOSE 22

CMD ["/usr/sbin/sshd", "-D"]
