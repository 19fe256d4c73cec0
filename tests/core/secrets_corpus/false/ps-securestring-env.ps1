$pw = ConvertTo-SecureString $env:ADMIN_PW -AsPlainText -Force
