ARG BASE_TAG=12.5
FROM python:3.12-alpine
USER root
RUN apk --update add tini && rm -rf /var/cache/apk/*
RUN export PATH=$PATH:/opt/bin && tool --version
CMD python app.py
