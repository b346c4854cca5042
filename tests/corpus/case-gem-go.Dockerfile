FROM ruby:3.3.1
RUN gem install rails -v 7.1.3
RUN gem install rails --version=7.1.3
RUN gem i puma
RUN gem install --no-document nokogiri:1.16.4
FROM golang:1.22.2
RUN go install ./...
RUN go install .
RUN go install example.com/tool@none
RUN go run example.com/gen@v1.0.0
RUN go get -u example.com/lib
RUN go build -o /app .
