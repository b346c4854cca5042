# syntax=docker/dockerfile:1
FROM registry.suse.com/bci/bci-base:15.5
# install things
HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]
RUN gem install bundler:2.5.9 && bundle install
RUN zypper in -y git-core=2.43.0 && zypper cc -a
COPY . .
LABEL Version=1.0
ENV PIP_NO_CACHE_DIR=1
CMD ["python", "app.py"]
