FROM node:20.12.2
RUN npm install -g @angular/cli
RUN npm install -g @angular/cli@17.3.0
RUN npm install --loglevel warn --registry https://r.example.com left-pad
RUN npm install git+https://github.com/x/y.git
RUN npm install git+https://github.com/x/y.git#v1.0
RUN npm install ./local-pkg
RUN npm install pkg.tgz
RUN npm i express
RUN npm install --save-dev jest@29.7.0 eslint
