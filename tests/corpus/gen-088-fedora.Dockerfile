FROM node:20.12.2-bookworm AS build
RUN DEBIAN_FRONTEND=noninteractive apt-get install -qq -o APT::Install-Recommends=false tzdata
RUN   useradd -u 1000001 appuser
RUN cd /usr/src && make install

FROM --platform=$BUILDPLATFORM fedora:40
RUN pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
RUN dnf install httpd-2.4.59
# TODO: pin
RUN for f in a b c; do touch /tmp/$f; done
# hadolint would say something
HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]
COPY --from=build /out /app
CMD python app.py
