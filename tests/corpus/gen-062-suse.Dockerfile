# syntax=docker/dockerfile:1
FROM fedora AS deps
RUN export PATH=$PATH:/opt/bin && tool --version
RUN pip install flask
	RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
run wget https://example.com/tool.tar.gz && tar -xzf tool.tar.gz

FROM registry.suse.com/bci/bci-base:15.5
MAINTAINER Jane Doe <jane@example.com>
# TODO: pin
copy a.txt b.txt /opt/data
RUN   zypper install python3
ENV PATH=/opt/bin:$PATH
RUN pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
ADD vendor.tar.gz /opt/
COPY --from=builder /out /app
ENTRYPOINT ["/entrypoint.sh"]
