$pw = ConvertTo-SecureString -AsPlainText "P@ssw0rd" -Force
