FROM python:3.11-slim-bullseye

ENV PYTHONDONTWRITEBYTECODE 1
ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=off \
    POETRY_VERSION=1.8.2

RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libpq-dev \
    # cleaning up unused files
    && apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --upgrade pip
RUN pip install "poetry==$POETRY_VERSION" uvicorn[standard] gunicorn==21.2.0
RUN pip3 install -r requirements.txt
RUN python -m pip install --user django
COPY requirements.txt /tmp/
RUN pip install --requirement /tmp/requirements.txt
RUN useradd -m -u 1000 appuser && chown -R appuser /app
RUN groupadd -g 999 grp && useradd -r -u 999 -g grp svc
WORKDIR /app
COPY --chown=appuser:appuser . .
USER appuser
RUN echo $HOME; cd /tmp; ls
ENV PATH="/home/appuser/.local/bin:${PATH}"
EXPOSE 8000
CMD gunicorn app.wsgi:application --bind 0.0.0.0:8000
