$s = ConvertTo-SecureString -String 'Admin2025!' -AsPlainText -Force
