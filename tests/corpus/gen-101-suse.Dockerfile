FROM opensuse/leap:15.5
RUN chmod +x /entrypoint.sh
USER 1000
RUN zypper --non-interactive install curl=8.0.1
RUN zypper install python3
# hadolint would say something
COPY . .
# see README
RUN zypper in -y git-core=2.43.0 && zypper cc -a
ENTRYPOINT ["/entrypoint.sh"]
