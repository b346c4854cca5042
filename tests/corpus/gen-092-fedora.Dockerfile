FROM registry.fedoraproject.org/fedora-minimal:40
RUN npm install
	RUN npm install -g typescript@5.4.5 @angular/cli@17.3.0
# TODO: pin
RUN wget https://example.com/tool.tar.gz && tar -xzf tool.tar.gz
# see README
ADD vendor.tar.gz /opt/
	USER root
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
RUN pip install git+https://github.com/psf/requests@v2.31.0
CMD python app.py
