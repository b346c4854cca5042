FROM --platform=$BUILDPLATFORM alpine:3.19
RUN apk add --no-cache curl
RUN export PATH=$PATH:/opt/bin && tool --version
RUN   gem install bundler:2.5.9 && bundle install
ENV PATH=/opt/bin:$PATH
	RUN apk add --no-cache curl=8.5.0-r0 bash~5.2
RUN   bash -c 'cd /tmp && ls'
RUN useradd -u 1000001 appuser
RUN apk update && apk add git
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ENTRYPOINT ["/entrypoint.sh"]
