FROM registry.suse.com/bci/bci-base:15.5
user 1000:1000
RUN   gem install bundler:2.5.9 && bundle install
RUN zypper refresh && zypper dup -y
# see README
RUN curl -fsSL https://example.com/install.sh | sh
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
