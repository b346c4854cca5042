# syntax=docker/dockerfile:1
FROM amazonlinux:2023
# hadolint would say something
ENV DB_PASSWORD=changeme
	RUN yum -y install epel-release && yum -y install nginx-1.20.1 && yum clean all
RUN useradd -l -u 1000001 appuser
WORKDIR /app
CMD ["python", "app.py"]
