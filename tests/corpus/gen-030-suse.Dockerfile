FROM opensuse/tumbleweed
RUN yarn install --frozen-lockfile
healthcheck CMD curl -f http://localhost/ || exit 1
# see README
MAINTAINER Jane Doe <jane@example.com>
RUN pip install flask
RUN zypper refresh && zypper dup -y
# hadolint would say something
RUN cd /usr/src && make install
CMD python app.py
