FROM alpine:3.19 AS scratch
FROM alpine:3.19 AS context
FROM alpine:3.19 AS build
FROM alpine:3.19 AS build
COPY --from=build /a /a
FROM alpine:3.19 AS self
COPY --from=self /a /b
