# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN Invoke-WebRequest -Uri https://example.com/app.zip -OutFile app.zip ; `
    Expand-Archive app.zip -DestinationPath C:\app
WORKDIR C:\app
COPY app.config C:\app\
RUN Get-ChildItem | Select-Object Name
USER ContainerUser
CMD ["app.exe"]
