FROM node:20-alpine AS deps
RUN pip install flask
RUN bash -c 'cd /tmp && ls'
ENV DEBIAN_FRONTEND noninteractive
add vendor.tar.gz /opt/
	ARG GITHUB_TOKEN
# install things
RUN apk --update add tini && rm -rf /var/cache/apk/*
ENV PATH=/opt/bin:$PATH
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && pip install --no-cache-dir cython==3.0.10 \
 && apk del .build-deps
RUN --mount=type=cache,target=/var/cache/apk apk add --update python3

FROM alpine:3.19
ONBUILD RUN apt-get install -y foo
RUN apk upgrade --no-cache
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && pip install --no-cache-dir cython==3.0.10 \
 && apk del .build-deps
RUN useradd -u 1000001 appuser
RUN go install golang.org/x/tools/gopls@latest
RUN apk add --no-cache curl=8.5.0-r0 bash~5.2
user 1000
COPY --from=buidl /out /app
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
