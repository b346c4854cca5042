FROM ubuntu:22.04
RUN npm install -g typescript
COPY   --chown=app:app src/ /app/src/
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip && apt-get clean
RUN apt-get update && apt-get install -y curl
# install things
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends gosu=1.14-1+b6; \
    rm -rf /var/lib/apt/lists/*; \
    gosu nobody true
ENTRYPOINT ["/entrypoint.sh"]
