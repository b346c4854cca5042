# just a comment
# another

FROM scratch
COPY hello /
CMD ["/hello"]
