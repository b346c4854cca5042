FROM alpine:latest
COPY   . /app
run service nginx stop || true
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && pip install --no-cache-dir cython==3.0.10 \
 && apk del .build-deps
# see README
RUN bash -c 'cd /tmp && ls'
RUN pip install --no-cache-dir -e .
COPY --chown=app:app src/ /app/src/
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
CMD ["python", "app.py"]
