FROM registry.fedoraproject.org/fedora-minimal:40
# TODO: pin
RUN dnf install -y httpd && dnf clean all
	WORKDIR /app
COPY --chown=app:app src/ /app/src/
run bash -c 'cd /tmp && ls'
# see README
USER 1000
# hadolint would say something
RUN   yarn install --frozen-lockfile
RUN microdnf install -y shadow-utils && microdnf clean all
# hadolint would say something
USER 1000:1000
RUN service nginx stop || true
CMD python app.py
