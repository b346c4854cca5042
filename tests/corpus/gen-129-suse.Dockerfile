FROM fedora:40 AS builder
# install things
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
RUN bash -c 'cd /tmp && ls'
RUN if [ -f /etc/os-release ]; then cat /etc/os-release; fi
run cd /usr/src && make install

FROM opensuse/leap:15.5
COPY . /app
RUN zypper refresh && zypper dup -y
RUN service nginx stop || true
COPY --from=builder /out /app
CMD python app.py
