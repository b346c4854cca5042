# syntax=docker/dockerfile:1
FROM python:3.12-slim
# install things
RUN pip install git+https://github.com/psf/requests@v2.31.0
COPY . .
RUN useradd -u 1000001 appuser
RUN apt-get install nginx
RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
    apt-get update && apt-get install -y --no-install-recommends jq
ENTRYPOINT ["/entrypoint.sh"]
