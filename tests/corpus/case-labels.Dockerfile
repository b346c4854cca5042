FROM alpine:3.19
LABEL maintainer="a@b.c" Maintainer="x" com.docker.thing=1 org.label-schema..x=1 9start=1 end-=1 ok.key/path-a_b=1
LABEL "quoted.key"="v" org--x=1 UPPER=1
