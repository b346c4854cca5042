FROM nginx:1.25.4
HEALTHCHECK CMD curl -f http://localhost/
HEALTHCHECK NONE
HEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]
CMD nginx -g 'daemon off;'
CMD ["nginx"]
ENTRYPOINT ["a"]
ENTRYPOINT b
