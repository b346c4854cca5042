# syntax=docker/dockerfile:1
FROM opensuse/leap:15.5 AS Build
RUN service nginx stop || true
RUN   zypper install python3
RUN mkdir -p /app
RUN zypper install -y curl && zypper clean
RUN npm install -g typescript
RUN pip3 install -r requirements.txt

FROM --platform=linux/amd64 opensuse/leap:15.5
RUN zypper refresh && zypper dup -y
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
	RUN gem install bundler
	RUN pip install --no-cache-dir -e .
run zypper in -y git-core=2.43.0 && zypper cc -a
# see README
RUN zypper install -y curl && zypper clean
USER 1000:1000
# see README
HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]
RUN pip install flask
SHELL ["/bin/sh", "-c"]
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
ENTRYPOINT ["/entrypoint.sh"]
