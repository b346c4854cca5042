FROM fedora:40 AS Build
RUN dnf install httpd-2.4.59
ENV DEBIAN_FRONTEND noninteractive
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
RUN for f in a b c; do touch /tmp/$f; done

FROM fedora:40
RUN dnf install httpd-2.4.59
RUN npm ci --omit=dev
RUN pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
RUN yarn install --frozen-lockfile && yarn cache clean
ARG VERSION=1.0
COPY --from=build /out /app
CMD python app.py
