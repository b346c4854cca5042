FROM alpine:latest AS builder
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && pip install --no-cache-dir cython==3.0.10 \
 && apk del .build-deps
RUN apk add --no-cache curl=8.5.0-r0 bash~5.2
	RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
	MAINTAINER Jane Doe <jane@example.com>
RUN echo 'hello' > /etc/motd
EXPOSE 70000
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
	RUN --mount=type=cache,target=/var/cache/apk apk add --update python3
RUN pip install flask

FROM alpine:latest
# install things
RUN apk --update add tini && rm -rf /var/cache/apk/*
RUN useradd -u 1000001 appuser
ENV PATH=/opt/bin:$PATH
RUN apk add --no-cache curl=8.5.0-r0 bash~5.2
RUN   ps aux | grep nginx
COPY --from=builder /out /app
CMD python app.py
