FROM python:3.12.3
RUN <<EOF
#!/usr/bin/env python3
print("pip install requests")
EOF
RUN <<EOF
#!/bin/bash
pip install requests
EOF
