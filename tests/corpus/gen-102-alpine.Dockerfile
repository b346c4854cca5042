FROM alpine
# install things
SHELL ["/bin/sh", "-c"]
RUN apk update && apk add git
RUN pip install git+https://github.com/psf/requests@v2.31.0
	RUN apk --update add tini && rm -rf /var/cache/apk/*
RUN useradd -l -u 1000001 appuser
HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]
# see README
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
CMD python app.py
