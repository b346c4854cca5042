FROM registry.suse.com/bci/bci-base:15.5
RUN zypper in -y git-core=2.43.0 && zypper cc -a
RUN gem install bundler
ARG VERSION=1.0
RUN sudo chown -R app /app
RUN zypper --non-interactive install curl=8.0.1
# see README
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
