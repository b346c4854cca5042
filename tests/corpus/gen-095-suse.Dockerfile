FROM opensuse/leap:15.5
RUN   bash -c 'cd /tmp && ls'
RUN yarn install --frozen-lockfile
	RUN zypper install -y curl && zypper clean
RUN zypper --non-interactive install curl=8.0.1
CMD python app.py
