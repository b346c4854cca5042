FROM golang:1.22-alpine
RUN apk add --no-cache curl
COPY --chown=app:app src/ /app/src/
RUN apk add --no-cache curl=8.5.0-r0 bash~5.2
RUN apk update && apk add git
RUN npm install -g typescript
ONBUILD RUN apt-get install -y foo
RUN useradd -u 1000001 appuser
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
