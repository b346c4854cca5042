FROM alpine:3.19 AS build
RUN echo build > /out
FROM alpine:3.19
COPY --from=build /out /out
COPY --from=build / /
COPY --from=missing /x /x
COPY --from=2 /y /y
COPY --from=build-1 /z /z
COPY ["a.txt", "b.txt", "/dest"]
COPY a b c/
ADD --chown=1:1 src.tar.gz /opt/
ADD file1 file2 /opt/
ADD https://example.com/a.tgz /tmp/
COPY vendor.tar.gz /tmp/
RUN tar -xzf /tmp/vendor.tar.gz -C /opt
