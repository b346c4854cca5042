FROM registry.suse.com/bci/bci-base:15.5
ADD app.py /app/
RUN service nginx stop || true
RUN zypper install -y curl && zypper clean
RUN zypper in -y git-core=2.43.0 && zypper cc -a
run echo 'hello' > /etc/motd
CMD ["python", "app.py"]
