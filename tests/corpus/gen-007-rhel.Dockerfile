FROM opensuse/leap:15.5 AS build
EXPOSE 8080
run for f in a b c; do touch /tmp/$f; done
RUN zypper refresh && zypper dup -y
# install things
RUN zypper install -y curl && zypper clean
ONBUILD RUN apt-get install -y foo
# TODO: pin
RUN npm ci --omit=dev
run zypper --non-interactive install curl=8.0.1
# TODO: pin
RUN yarn install --frozen-lockfile && yarn cache clean

FROM registry.access.redhat.com/ubi9/ubi:9.3
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
# hadolint would say something
	RUN yarn install --frozen-lockfile
RUN dnf install httpd-2.4.59
RUN ps aux | grep nginx
# see README
COPY package.json package-lock.json ./
RUN useradd -l -u 1000001 appuser
COPY --from=buidl /out /app
CMD ["python", "app.py"]
