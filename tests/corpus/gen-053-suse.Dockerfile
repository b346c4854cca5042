FROM registry.suse.com/bci/bci-base:15.5
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
RUN zypper in -y git-core=2.43.0 && zypper cc -a
# see README
RUN pip install --no-cache-dir -e .
RUN zypper refresh && zypper dup -y
	RUN zypper install python3
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
