# syntax=docker/dockerfile:1
FROM debian:12.5
RUN <<EOF
apt-get update
apt-get install -y curl
EOF
RUN <<-EOT bash
	set -e
	cd /tmp
	wget https://example.com/x
	EOT
COPY <<EOF /etc/motd
hello apt-get install vim
EOF
RUN python3 <<EOF
import os
print("apt-get install nothing")
EOF
CMD ["bash"]
