FROM debian:12.5
RUN (cd /tmp && make)
RUN { apt-get update; apt-get install -y --no-install-recommends curl=7.88.1-10; } && rm -rf /var/lib/apt/lists/*
RUN if true; then sudo ls; fi
RUN echo "$(cd /tmp; pwd)"
RUN sh -c 'apt-get install -y vim'
RUN find / -name x -exec rm {} \;
RUN test -f x && wget -q https://x || curl -fsSL https://y
