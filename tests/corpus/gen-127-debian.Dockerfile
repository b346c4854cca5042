FROM --platform=linux/amd64 debian:latest
ENV PIP_NO_CACHE_DIR=1
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
RUN DEBIAN_FRONTEND=noninteractive apt-get install -qq -o APT::Install-Recommends=false tzdata
COPY . /app
# see README
COPY a.txt b.txt /opt/data
RUN npm install -g typescript@5.4.5 @angular/cli@17.3.0
COPY --chown=app:app src/ /app/src/
ONBUILD RUN apt-get install -y foo
# see README
	RUN apt-get install nginx
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
