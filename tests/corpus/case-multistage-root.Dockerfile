FROM golang:1.22.2 AS build
USER root
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/app /app
USER nonroot
ENTRYPOINT ["/app"]
