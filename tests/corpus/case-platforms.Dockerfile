FROM --platform=linux/arm64 alpine:3.19 AS a
FROM --platform=$BUILDPLATFORM alpine:3.19 AS b
FROM --platform=$TARGETPLATFORM alpine:3.19 AS c
FROM --platform=${TARGETPLATFORM} alpine:3.19 AS d
FROM --platform=${TARGETOS}/${TARGETARCH} alpine:3.19 AS e
