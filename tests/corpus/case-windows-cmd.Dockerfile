FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
SHELL ["cmd", "/S", "/C"]
RUN dir c:\ | findstr Windows
COPY app.exe C:/app/
WORKDIR C:/app
ENTRYPOINT ["app.exe"]
