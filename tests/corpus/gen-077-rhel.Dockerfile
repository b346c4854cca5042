FROM --platform=$TARGETPLATFORM amazonlinux:2023
VOLUME /data
RUN   yum -y install epel-release && yum -y install nginx-1.20.1 && yum clean all
RUN bash -c 'cd /tmp && ls'
RUN pip install flask
# TODO: pin
RUN yum install -y openssl-devel-1.0.2k && rm -rf /var/cache/yum
RUN   groupadd -r app && useradd -r -g app app
user 1000:1000
RUN microdnf install -y shadow-utils && microdnf clean all
# hadolint would say something
RUN python3 -m pip install --upgrade pip
RUN useradd -u 1000001 appuser
ENTRYPOINT ["/entrypoint.sh"]
