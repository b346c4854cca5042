FROM debian:bookworm-slim

RUN set -eux; \
	groupadd -r db --gid=999; \
# a comment inside the continuation
	useradd -r -g db --uid=999 --home-dir=/var/lib/db --shell=/bin/bash db; \
	install --verbose --directory --owner db --group db --mode 1777 /var/lib/db

RUN set -ex; \
	apt-get update; \
	apt-get install -y --no-install-recommends \
		gnupg \
# why less is here
		less \
	; \
	rm -rf /var/lib/apt/lists/*

ENV TOOL_VERSION 1.17
RUN set -eux; \
	savedAptMark="$(apt-mark showmanual)"; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates wget; \
	rm -rf /var/lib/apt/lists/*; \
	dpkgArch="$(dpkg --print-architecture | awk -F- '{ print $NF }')"; \
	wget -O /usr/local/bin/tool "https://example.org/tool/$TOOL_VERSION/tool-$dpkgArch"; \
	export GNUPGHOME="$(mktemp -d)"; \
	gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys B42F6819007F00F88E364FD4036A9C25BF357DD4; \
	gpgconf --kill all; \
	rm -rf "$GNUPGHOME"; \
	apt-mark auto '.*' > /dev/null; \
	[ -z "$savedAptMark" ] || apt-mark manual $savedAptMark > /dev/null; \
	apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \
	chmod +x /usr/local/bin/tool; \
	tool --version

RUN set -eux; \
	if [ -f /etc/dpkg/dpkg.cfg.d/docker ]; then \
# slim images exclude locales
		grep -q '/usr/share/locale' /etc/dpkg/dpkg.cfg.d/docker; \
		sed -ri '/\/usr\/share\/locale/d' /etc/dpkg/dpkg.cfg.d/docker; \
		! grep -q '/usr/share/locale' /etc/dpkg/dpkg.cfg.d/docker; \
	fi; \
	apt-get update; apt-get install -y --no-install-recommends locales; rm -rf /var/lib/apt/lists/*; \
	echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen; \
	locale-gen; \
	locale -a | grep 'en_US.utf8'
ENV LANG en_US.utf8

ENV MAJOR 15
ENV PATH $PATH:/usr/lib/db/$MAJOR/bin
ENV DB_VERSION 15.8-1

RUN set -ex; \
	\
	export PYTHONDONTWRITEBYTECODE=1; \
	\
	dpkgArch="$(dpkg --print-architecture)"; \
	aptRepo="[ signed-by=/usr/local/share/keyrings/db.gpg.asc ] http://apt.example.org/ bookworm main $MAJOR"; \
	case "$dpkgArch" in \
		amd64 | arm64) \
# built upstream
			echo "deb $aptRepo" > /etc/apt/sources.list.d/db.list; \
			apt-get update; \
			;; \
		*) \
			echo "deb-src $aptRepo" > /etc/apt/sources.list.d/db.list; \
			savedAptMark="$(apt-mark showmanual)"; \
			tempDir="$(mktemp -d)"; \
			cd "$tempDir"; \
			apt-get update; \
			apt-get install -y --no-install-recommends dpkg-dev; \
			_update_repo() { \
				dpkg-scanpackages . > Packages; \
				apt-get -o Acquire::GzipIndexes=false update; \
			}; \
			_update_repo; \
			nproc="$(nproc)"; \
			export DEB_BUILD_OPTIONS="nocheck parallel=$nproc"; \
			apt-get build-dep -y "db-$MAJOR=$DB_VERSION"; \
			apt-get source --compile "db-$MAJOR=$DB_VERSION"; \
			apt-mark showmanual | xargs apt-mark auto > /dev/null; \
			apt-mark manual $savedAptMark; \
			ls -lAFh; \
			_update_repo; \
			grep '^Package: ' Packages; \
			cd /; \
			;; \
	esac; \
	\
	apt-get install -y --no-install-recommends db-common; \
	sed -ri 's/#(create_main_cluster) .*$/\1 = false/' /etc/db-common/createcluster.conf; \
	apt-get install -y --no-install-recommends \
		"db-$MAJOR=$DB_VERSION" \
	; \
	rm -rf /var/lib/apt/lists/*; \
	if [ -n "$tempDir" ]; then \
		apt-get purge -y --auto-remove; \
		rm -rf "$tempDir" /etc/apt/sources.list.d/temp.list; \
	fi; \
	find /usr -name '*.pyc' -type f -exec bash -c 'for pyc; do dpkg -S "$pyc" &> /dev/null || rm -vf "$pyc"; done' -- '{}' +; \
	db --version

RUN set -eux; \
	dpkg-divert --add --rename --divert "/usr/share/db/db.conf.sample.dpkg" "/usr/share/db/$MAJOR/db.conf.sample"; \
	sed -ri "s!^#?(listen_addresses)\s*=\s*\S+.*!\1 = '*'!" /usr/share/db/db.conf.sample; \
	grep -F "listen_addresses = '*'" /usr/share/db/db.conf.sample

ENV DATA /var/lib/db/data
RUN install --verbose --directory --owner db --group db --mode 1777 "$DATA"
VOLUME /var/lib/db/data

COPY docker-entrypoint.sh ensure.sh /usr/local/bin/
RUN ln -sT ensure.sh /usr/local/bin/enforce.sh
ENTRYPOINT ["docker-entrypoint.sh"]
STOPSIGNAL SIGINT
EXPOSE 5432
CMD ["db"]
