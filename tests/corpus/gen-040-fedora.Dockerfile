FROM alpine:latest AS builder
RUN apk --update add tini && rm -rf /var/cache/apk/*
RUN go get github.com/pkg/errors
	LABEL Version=1.0
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && pip install --no-cache-dir cython==3.0.10 \
 && apk del .build-deps
RUN npm install -g typescript
RUN useradd -u 1000001 appuser
copy --chown=app:app src/ /app/src/
RUN ln -sf /bin/bash /bin/sh
RUN   npm install -g typescript@5.4.5 @angular/cli@17.3.0
RUN   apk add --no-cache curl

FROM fedora
copy . .
RUN npm ci --omit=dev
RUN pip install --no-cache-dir -e .
RUN dnf install -y httpd && dnf clean all
LABEL Version=1.0
	SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
# TODO: pin
run ps aux | grep nginx
ADD https://example.com/file.txt /tmp/
COPY --from=buidl /out /app
ENTRYPOINT /entrypoint.sh
