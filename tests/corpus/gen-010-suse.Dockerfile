# syntax=docker/dockerfile:1
FROM registry.fedoraproject.org/fedora-minimal:40 AS Build
RUN dnf install -y httpd && dnf clean all
RUN pip install git+https://github.com/psf/requests@v2.31.0
ENV   PATH=/opt/bin:$PATH
ADD app.py /app/
RUN ps aux | grep nginx
# install things
USER 1000
RUN npm install

FROM opensuse/leap:15.5
ADD app.py /app/
USER root
	RUN zypper install python3
VOLUME /data
RUN   npm ci --omit=dev
RUN   zypper refresh && zypper dup -y
RUN wget https://example.com/tool.tar.gz && tar -xzf tool.tar.gz
COPY --from=0 /out /app
ENTRYPOINT /entrypoint.sh
