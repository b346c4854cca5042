# syntax=docker/dockerfile:1
FROM registry.suse.com/bci/bci-base:15.5
RUN npm install
# install things
RUN zypper refresh && zypper dup -y
RUN zypper in -y git-core=2.43.0 && zypper cc -a
user app
ENV DB_PASSWORD=changeme
COPY . .
RUN zypper --non-interactive install curl=8.0.1
COPY package.json package-lock.json ./
LABEL maintainer="dev@example.com"
CMD ["python", "app.py"]
