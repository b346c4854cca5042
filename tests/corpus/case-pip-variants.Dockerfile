FROM python:3.12.3
RUN pip install --no-cache-dir requests==2.31.0 'urllib3<3' "idna>=3"
RUN pip install --no-cache-dir -c constraints.txt requests
RUN pip install --no-cache-dir --index-url https://pypi.example.com/simple mypkg
RUN pip install --no-cache-dir ./dist/mypkg-1.0-py3-none-any.whl
RUN pip install --no-cache-dir https://example.com/pkg.tar.gz
RUN pip install --no-cache-dir --upgrade pip setuptools wheel
RUN python -m pip install --no-cache-dir numpy
RUN pipx install poetry
RUN pipenv install
RUN PIP_NO_CACHE_DIR=1 pip install flask==3.0.3
RUN pip install --user --no-cache-dir -r /tmp/requirements.txt
RUN pip install --no-cache-dir git+https://github.com/x/y.git
RUN pip install --no-cache-dir "git+https://github.com/x/y.git@v1.0#egg=y"
