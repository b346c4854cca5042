FROM alpine:3.19
MAINTAINER someone
WORKDIR relative/path
WORKDIR "/quoted"
WORKDIR $HOME/x
COPY x y
FROM alpine:3.19
COPY a ./
