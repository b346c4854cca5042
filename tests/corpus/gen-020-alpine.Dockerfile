FROM python:3.12-alpine
RUN npm install
RUN apk add --no-cache curl
# hadolint would say something
ENV DB_PASSWORD=changeme
COPY --chown=app:app src/ /app/src/
RUN   go get github.com/pkg/errors
RUN gem install bundler:2.5.9 && bundle install
ENTRYPOINT ["/entrypoint.sh"]
