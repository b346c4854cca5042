FROM debian:latest AS Build
RUN pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
# TODO: pin
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip && apt-get clean
COPY package.json package-lock.json ./
COPY . /app

FROM --platform=$TARGETPLATFORM amazonlinux:2023
RUN yum groupinstall -y 'Development Tools' && yum clean all
# install things
RUN yarn install --frozen-lockfile && yarn cache clean
	RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
RUN yum install -y openssl-devel-1.0.2k && rm -rf /var/cache/yum
# hadolint would say something
EXPOSE 8080
# hadolint would say something
workdir /app
RUN export PATH=$PATH:/opt/bin && tool --version
COPY --from=build /out /app
ENTRYPOINT /entrypoint.sh
