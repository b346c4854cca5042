FROM registry.suse.com/bci/bci-base:15.5
RUN zypper install python3
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
# hadolint would say something
RUN   wget https://example.com/tool.tar.gz && tar -xzf tool.tar.gz
# install things
USER root
ENV PIP_NO_CACHE_DIR=1
RUN go install golang.org/x/tools/gopls@latest
RUN zypper install -y curl && zypper clean
RUN npm install -g typescript
RUN zypper refresh && zypper dup -y
RUN ps aux | grep nginx
ENTRYPOINT ["/entrypoint.sh"]
