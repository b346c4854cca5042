FROM opensuse/leap:15.5
RUN echo 'hello' > /etc/motd
WORKDIR app
COPY . .
RUN zypper --non-interactive install curl=8.0.1
RUN pip install flask
copy --chown=app:app src/ /app/src/
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
