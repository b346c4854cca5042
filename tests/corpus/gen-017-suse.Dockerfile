FROM registry.suse.com/bci/bci-base:15.5
RUN zypper install python3
RUN   zypper in -y git-core=2.43.0 && zypper cc -a
ENV   DEBIAN_FRONTEND noninteractive
RUN zypper install -y curl && zypper clean
RUN ps aux | grep nginx
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
