# syntax=docker/dockerfile:1
FROM amazonlinux:2023
USER app
RUN yum install -y httpd && yum clean all
# see README
RUN gem install bundler:2.5.9 && bundle install
RUN python3 -m pip install --upgrade pip
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
RUN pip install flask
RUN   export PATH=$PATH:/opt/bin && tool --version
CMD ["python", "app.py"]
