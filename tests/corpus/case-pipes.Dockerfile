FROM debian:12.5
RUN echo a | grep a
SHELL ["/bin/bash", "-c"]
RUN echo b | grep b
SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
RUN echo c | grep c
RUN echo $(ls | wc -l)
FROM alpine:3.19
SHELL ["/bin/ash", "-o", "pipefail", "-c"]
RUN echo d | grep d
FROM alpine:3.19
SHELL ["/bin/zsh", "-o", "pipefail", "-c"]
RUN a || b | c
