FROM fedora AS Build
RUN pip install git+https://github.com/psf/requests@v2.31.0
USER root
MAINTAINER Jane Doe <jane@example.com>
run dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
run service nginx stop || true
RUN ln -sf /bin/bash /bin/sh
RUN export PATH=$PATH:/opt/bin && tool --version
# hadolint would say something
run dnf install -y httpd && dnf clean all
RUN dnf install httpd-2.4.59

FROM --platform=$TARGETPLATFORM fedora:40
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
COPY package.json package-lock.json ./
# install things
WORKDIR app
RUN dnf install -y httpd && dnf clean all
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
RUN   for f in a b c; do touch /tmp/$f; done
ADD app.py /app/
	RUN echo 'hello' > /etc/motd
EXPOSE 8080
COPY --from=buidl /out /app
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
