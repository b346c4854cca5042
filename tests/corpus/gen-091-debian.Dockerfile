FROM node:20.12.2-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip && apt-get clean
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
RUN groupadd -r app && useradd -r -g app app
RUN apt-get -yq update && apt-get -yq install --no-install-recommends ./pkg.deb
RUN ps aux | grep nginx
	USER 1000
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
