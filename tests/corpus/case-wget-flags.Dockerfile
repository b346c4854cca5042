FROM debian:12.5
RUN wget -nv https://a
RUN wget --no-verbose https://a
RUN wget -O /tmp/x https://a
RUN wget -qO- https://a
RUN wget --progress=bar:force https://a
RUN wget -o /log https://a
