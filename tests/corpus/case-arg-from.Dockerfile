ARG BASE=debian
ARG TAG=12.5
FROM ${BASE}:${TAG}
ARG IMAGE=node:latest
FROM $IMAGE AS node
FROM ${REGISTRY}/app
FROM base-${ARCH}
RUN echo ok
