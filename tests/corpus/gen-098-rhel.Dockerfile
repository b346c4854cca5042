ARG BASE_TAG=12.5
FROM registry.access.redhat.com/ubi9/ubi:9.3
RUN pip install --no-cache-dir -e .
	RUN microdnf install -y shadow-utils && microdnf clean all
RUN pip install flask
ARG VERSION=1.0
RUN yum install httpd-2.4.6
RUN ln -sf /bin/bash /bin/sh
ENV PATH=/opt/bin:$PATH
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
ENTRYPOINT ["/entrypoint.sh"]
