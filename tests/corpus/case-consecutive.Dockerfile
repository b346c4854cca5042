FROM debian:12.5
RUN a
# comment
RUN b
RUN c && d && e
RUN f
RUN --mount=type=cache,target=/x g
RUN --mount=type=cache,target=/x h
ENV X=1
RUN i
