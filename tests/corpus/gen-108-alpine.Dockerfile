ARG BASE_TAG=12.5
FROM node:20-alpine
COPY --chown=app:app src/ /app/src/
# see README
RUN useradd -l -u 1000001 appuser
RUN ln -sf /bin/bash /bin/sh
RUN apk add --no-cache curl
RUN chmod +x /entrypoint.sh
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
