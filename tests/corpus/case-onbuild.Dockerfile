FROM node:20.12.2
ONBUILD COPY package.json /app/
ONBUILD RUN npm install -g nodemon
ONBUILD RUN apt-get install curl
ONBUILD RUN sudo make install
ONBUILD ARG NPM_TOKEN
ONBUILD RUN cd /app && npm ci
WORKDIR /app
CMD ["node", "server.js"]
