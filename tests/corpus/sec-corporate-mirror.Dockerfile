# Built behind a TLS-intercepting proxy, the wrong way.
FROM python:3.12-slim

ARG PIP_INDEX_URL=https://pypi.internal.example.com/simple
ENV PYTHONHTTPSVERIFY=0 \
    NODE_TLS_REJECT_UNAUTHORIZED=0 \
    GIT_SSL_NO_VERIFY=true

RUN apt-get update \
    && apt-get install -y --no-install-recommends --allow-unauthenticated \
        nodejs=18.19.0+dfsg-6~deb12u2 \
        npm=9.2.0~ds1-1 \
    && rm -rf /var/lib/apt/lists/*

RUN npm config set strict-ssl false \
    && npm install -g yarn@1.22.22

WORKDIR /srv/app
COPY requirements.txt .
RUN pip install --no-cache-dir \
        --trusted-host pypi.internal.example.com \
        --trusted-host files.pythonhosted.org \
        -r requirements.txt

RUN wget --no-check-certificate -q https://artifacts.internal.example.com/tool.tar.gz -O /tmp/tool.tgz \
    && tar -xzf /tmp/tool.tgz -C /usr/local/bin \
    && rm /tmp/tool.tgz

USER nobody
CMD ["python", "-m", "app"]
