FROM   ubuntu:22.04
RUN apt-get update && \
    # comment inside
    apt-get install -y \

      curl \
    && rm -rf /var/lib/apt/lists/*
run    echo   "lower case"   
  ENV A=1 \
      B=2
LABEL "com.example.vendor"="ACME" \
      version="1.0"
EXPOSE 22 \
       80
CMD ["sleep", "infinity"]
