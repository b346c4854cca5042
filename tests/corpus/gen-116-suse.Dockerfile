FROM --platform=$BUILDPLATFORM opensuse/leap:15.5
RUN zypper in -y git-core=2.43.0 && zypper cc -a
RUN npm ci --omit=dev
run zypper --non-interactive install curl=8.0.1
RUN npm install
EXPOSE 80/tcp 443/tcp
LABEL org.opencontainers.image.source="https://github.com/example/app"
COPY --chown=app:app src/ /app/src/
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
