FROM ubuntu:22.04
RUN npm install -g typescript@5.4.5 @angular/cli@17.3.0
RUN python3 -m pip install --upgrade pip
RUN apt-get install nginx
# install things
	EXPOSE 80/tcp 443/tcp
ONBUILD COPY . /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential \
      # the compiler toolchain
      git=1:2.39.2-1.1 \
      libpq-dev \
 && rm -rf /var/lib/apt/lists/*
# TODO: pin
EXPOSE 70000
USER root
run go get github.com/pkg/errors
CMD python app.py
